"""Use cases of the enrolment service."""
