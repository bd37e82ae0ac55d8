"""Adapters of the reporting service: SQL."""
