"""Pure domain of the reporting service (standard library only)."""
