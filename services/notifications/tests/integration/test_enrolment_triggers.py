"""Enrolment lifecycle events make one message each (Kafka); a confirmation twice makes one; v1 unread."""

import uuid
from datetime import UTC, date, datetime

import pytest
from contracts.events.content import OfferingCancelledV1
from contracts.events.enrolment import (
    EnrolmentCompletedV1,
    EnrolmentConfirmedV1,
    EnrolmentConfirmedV2,
    EnrolmentPromotedV1,
    EnrolmentWaitlistedV1,
    EnrolmentWithdrawnV1,
    LearnerContactsChangedV1,
    ProgressRecordedV1,
    SupportGrantedV1,
)
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from localinfra.polling import eventually

from .conftest import handled

pytestmark = pytest.mark.integration

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
CONTENT = "/vn/hanoi/learningcity/content"


async def test_each_lifecycle_fact_is_told_once_and_progress_is_not(notifications, publish):
    learner, enrolment = uuid.uuid4(), uuid.uuid4()
    facts = {**EXAMPLE_FACTS, "learner_id": learner, "enrolment_id": enrolment}
    events = [
        EnrolmentWaitlistedV1(**facts, waitlisted_at=T0),
        EnrolmentPromotedV1(**facts, promoted_at=T0),
        EnrolmentConfirmedV2(**facts, confirmed_at=T0),
        EnrolmentConfirmedV2(
            **{
                **EXAMPLE_FACTS,
                "enrolment_id": enrolment,
                "learner_id": learner,
                "course_id": facts["course_id"],
            },
            confirmed_at=T0,
        ),
        ProgressRecordedV1(**facts, percent=50, recorded_at=T0),
        EnrolmentCompletedV1(**facts, outcome="passed", certificate_id="HN-2026-1", completed_at=T0),
        SupportGrantedV1(
            **facts,
            support_category="ethnic_minority",
            benefit="fee_waiver",
            legal_basis="ND 81/2021",
            granted_on=date(2026, 11, 30),
        ),
        EnrolmentCompletedV1(**facts, outcome="passed", certificate_id="HN-2026-1", completed_at=T0),  # again
    ]

    ids = await publish(notifications, *events)
    # progress makes nothing and is not recorded; the events after it on the same key show it was passed
    await handled(notifications, ids[:4] + ids[5:])

    rows = await notifications.db.fetch(
        "SELECT template, body_en FROM messages WHERE learner_id = $1", learner
    )
    kinds = sorted(r["template"] for r in rows)
    assert kinds == [
        "enrolment-completed",
        "enrolment-confirmed",
        "enrolment-promoted",
        "enrolment-waitlisted",
        "support-granted",
    ]
    completed = next(r["body_en"] for r in rows if r["template"] == "enrolment-completed")
    assert "HN-2026-1" in completed and "passed" in completed


async def test_a_confirmation_told_only_in_v1_makes_no_message(notifications, publish):
    learner, enrolment = uuid.uuid4(), uuid.uuid4()
    facts = {**EXAMPLE_FACTS, "learner_id": learner, "enrolment_id": enrolment}
    v1 = EnrolmentConfirmedV1(
        enrolment_id=enrolment, learner_id=learner, course_id=facts["course_id"], confirmed_at=T0
    )
    waitlisted = EnrolmentWaitlistedV1(**facts, waitlisted_at=T0)  # same key, after it: v1 was passed

    ids = await publish(notifications, v1, waitlisted)
    await handled(notifications, ids[1:])

    rows = await notifications.db.fetch("SELECT template FROM messages WHERE learner_id = $1", learner)
    assert [r["template"] for r in rows] == ["enrolment-waitlisted"]


async def test_an_offering_cancelled_by_content_is_mailed_to_its_learners_only(
    notifications, publish, mail_sink
):
    holder, withdrawn, offering = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    for learner in (holder, withdrawn):
        contacts = LearnerContactsChangedV1(
            learner_id=learner, email=f"{learner}@example.vn", language="en", consent=["email"], changed_at=T0
        )
        await handled(notifications, await publish(notifications, contacts))
    gone = uuid.uuid4()
    places = [
        EnrolmentConfirmedV2(
            **{**EXAMPLE_FACTS, "learner_id": holder, "offering_id": offering, "enrolment_id": uuid.uuid4()},
            confirmed_at=T0,
        ),
        EnrolmentConfirmedV2(
            **{**EXAMPLE_FACTS, "learner_id": withdrawn, "offering_id": offering, "enrolment_id": gone},
            confirmed_at=T0,
        ),
        EnrolmentWithdrawnV1(
            **{**EXAMPLE_FACTS, "learner_id": withdrawn, "offering_id": offering, "enrolment_id": gone},
            withdrawn_at=T0,
        ),
    ]
    await handled(notifications, await publish(notifications, *places))
    example = OfferingCancelledV1.model_json_schema()["examples"][0]
    cancelled = OfferingCancelledV1(**{**example, "offering_id": str(offering)})

    await publish(notifications, cancelled, source=CONTENT)

    mail = await eventually(lambda: _mail_about_cancellation(mail_sink, holder))
    assert "is cancelled" in mail.body
    assert not [
        m for m in mail_sink.messages if f"{withdrawn}@example.vn" in m.recipients and "cancelled" in m.body
    ]


async def _mail_about_cancellation(sink, learner):
    return next(
        (m for m in sink.messages if f"{learner}@example.vn" in m.recipients and "cancelled" in m.body), None
    )
