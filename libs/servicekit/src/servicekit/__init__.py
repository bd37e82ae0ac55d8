"""Plumbing shared by the platform services."""
