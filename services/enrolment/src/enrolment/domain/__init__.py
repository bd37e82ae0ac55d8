"""Pure domain of the enrolment service (standard library only)."""
