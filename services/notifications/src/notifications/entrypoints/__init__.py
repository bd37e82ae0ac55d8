"""HTTP routes and event subscribers of the notifications service."""
