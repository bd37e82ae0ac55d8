"""Event contracts of the Hanoi Learning City platform."""
