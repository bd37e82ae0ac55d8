"""The enrolment service."""
