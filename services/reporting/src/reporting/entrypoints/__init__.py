"""HTTP routes and event subscribers of the reporting service."""
