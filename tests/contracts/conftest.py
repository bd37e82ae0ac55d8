"""Shared fixtures of the contracts tests: example events, their headers and consumer clearances."""

from datetime import UTC, datetime

import pytest
from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.envelope import Envelope, encode_event
from contracts.events import CoursePublishedV1, EnrolmentConfirmedV1

SOURCE = "/vn/hanoi/learningcity/enrolment"
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


@pytest.fixture
def enrolment() -> EnrolmentConfirmedV1:
    return EnrolmentConfirmedV1.example()


@pytest.fixture
def course() -> CoursePublishedV1:
    return CoursePublishedV1.example()


@pytest.fixture
def envelope(enrolment: EnrolmentConfirmedV1) -> Envelope:
    return Envelope.for_event(
        enrolment,
        source=SOURCE,
        id="7d0f3c1e-2b4a-4c6d-8e9f-0a1b2c3d4e5f",
        time=datetime(2026, 2, 3, 2, 15, 0, 123456, tzinfo=UTC),
        traceparent=TRACEPARENT,
    )


@pytest.fixture
def headers(envelope: Envelope) -> list[tuple[str, bytes]]:
    return envelope.to_headers()


@pytest.fixture
def payload(enrolment: EnrolmentConfirmedV1) -> bytes:
    return encode_event(enrolment)


@pytest.fixture
def reporting_clearance() -> Clearance:
    """Cleared for internal, pseudonymous personal data, as the reporting service would be."""
    return Clearance(
        DataClassification.INTERNAL, frozenset({DataCategory.NON_PERSONAL, DataCategory.PERSONAL})
    )


@pytest.fixture
def public_clearance() -> Clearance:
    return Clearance(DataClassification.PUBLIC)
