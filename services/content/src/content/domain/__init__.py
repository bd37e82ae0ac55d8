"""Pure domain of the content service (standard library only)."""
