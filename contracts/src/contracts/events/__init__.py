"""Event payloads, one module per event type and major version, grouped by producing service."""

from contracts.events.content import CoursePublishedV1
from contracts.events.enrolment import EnrolmentConfirmedV1

__all__ = ["CoursePublishedV1", "EnrolmentConfirmedV1"]
