"""Events produced by the enrolment service."""

from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1

__all__ = ["EnrolmentConfirmedV1"]
