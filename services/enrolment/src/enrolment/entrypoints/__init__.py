"""HTTP routes and event subscribers of the enrolment service."""
