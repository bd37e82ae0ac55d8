"""Loads the real Kafka/PostgreSQL fixtures for every test in the repository."""

pytest_plugins = ["localinfra.pytest_plugin"]
