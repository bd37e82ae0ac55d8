"""Lifecycle events map to records that say whether a seat was held, and v2 confirmations to facts."""

import uuid
from datetime import UTC, datetime

from contracts.events.enrolment import (
    EnrolmentConfirmedV2,
    EnrolmentPromotedV1,
    EnrolmentWaitlistedV1,
    EnrolmentWithdrawnV1,
)
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from reporting.entrypoints.lifecycle_commands import confirmation_of, grant_of, record_of

AT = datetime(2027, 3, 1, 2, 15, tzinfo=UTC)


def test_a_waitlisting_or_withdrawal_holds_no_seat_a_promotion_does():
    waiting = record_of(EnrolmentWaitlistedV1(**EXAMPLE_FACTS, waitlisted_at=AT), "e1")
    gone = record_of(EnrolmentWithdrawnV1(**EXAMPLE_FACTS, withdrawn_at=AT), "e2")
    promoted = record_of(EnrolmentPromotedV1(**EXAMPLE_FACTS, promoted_at=AT), "e3")

    assert waiting and gone and promoted
    assert (waiting.seated_at, gone.seated_at, promoted.seated_at) == (None, None, AT)
    assert (waiting.stage, promoted.stage, gone.stage) == (0, 1, 3)
    assert promoted.support_categories == ("ethnic_minority", "woman")
    assert (waiting.event_ids, gone.event_ids, promoted.event_ids) == (("e1",), ("e2",), ("e3",))


def test_a_v2_confirmation_is_the_same_fact_v1_gives_keyed_by_enrolment_id():
    event = EnrolmentConfirmedV2(**EXAMPLE_FACTS, confirmed_at=AT)

    fact = confirmation_of(event, "e1")

    assert fact and fact.enrolment_id == uuid.UUID(EXAMPLE_FACTS["enrolment_id"]) and fact.confirmed_at == AT
    assert fact.event_id == "e1"
    assert grant_of(event) is None
