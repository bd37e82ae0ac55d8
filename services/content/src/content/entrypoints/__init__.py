"""HTTP routes of the content service."""
