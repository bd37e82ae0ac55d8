"""Adapters of the enrolment service: SQL and event mapping."""
