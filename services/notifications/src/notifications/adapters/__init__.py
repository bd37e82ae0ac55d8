"""Adapters of the notifications service: SQL."""
