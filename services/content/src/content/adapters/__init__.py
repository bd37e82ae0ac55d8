"""Adapters of the content service: SQL and event mapping."""
