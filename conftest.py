"""Loads the real Kafka/PostgreSQL fixtures and the service fixtures for every test in the repository."""

pytest_plugins = ["localinfra.pytest_plugin", "localinfra.service_fixtures"]
