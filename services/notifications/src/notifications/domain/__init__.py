"""Pure domain of the notifications service (standard library only)."""
