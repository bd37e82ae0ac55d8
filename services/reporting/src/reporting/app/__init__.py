"""Use cases of the reporting service."""
