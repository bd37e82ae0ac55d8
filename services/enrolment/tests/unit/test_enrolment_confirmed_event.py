"""Mapping a confirmed enrolment to the contract event `enrolment.confirmed.v1`."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from enrolment.adapters.contract_events import to_contract
from enrolment.domain.enrolment import OpenCourse

NOW = datetime(2026, 2, 3, 2, 15, tzinfo=UTC)


def test_a_confirmation_maps_to_one_contract_event_keyed_by_enrolment():
    enrolment = OpenCourse(uuid4(), capacity=None).enrol(uuid4(), uuid4(), "00004", NOW)

    [event] = to_contract(enrolment.events[0])

    assert event == EnrolmentConfirmedV1(
        enrolment_id=enrolment.id,
        course_id=enrolment.course_id,
        learner_id=enrolment.learner_id,
        confirmed_at=NOW,
        locality_code="00004",
    )
    assert event.aggregate_id() == str(enrolment.id)


def test_an_unknown_locality_travels_as_null():
    enrolment = OpenCourse(uuid4(), capacity=None).enrol(uuid4(), uuid4(), None, NOW)

    [event] = to_contract(enrolment.events[0])

    assert isinstance(event, EnrolmentConfirmedV1)
    assert event.locality_code is None


def test_a_domain_event_without_a_contract_is_an_error_not_silence():
    with pytest.raises(TypeError):
        to_contract(object())


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("Sex", "Sex"),
        ("LearnerType", "LearnerType"),
        ("SupportCategory", "SupportCategory"),
    ],
)
def test_the_domain_and_the_contract_name_the_same_dimension_values(ours, theirs):
    """The domain keeps its own enums (it imports no contracts); the mapping relies on equal values."""
    from contracts.events.enrolment import learner_dimensions
    from enrolment.domain import dimensions

    assert {m.value for m in getattr(dimensions, ours)} == {
        m.value for m in getattr(learner_dimensions, theirs)
    }
