"""Each enrolment trigger maps to one kind of message, told once per enrolment (a benefit once per kind)."""

from dataclasses import replace
from datetime import UTC, date, datetime
from uuid import uuid4

from contracts.events.enrolment import EnrolmentWithdrawnV1, SupportGrantedV1
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from notifications.app.notify_learner import notify_learner, notify_learners
from notifications.app.offering_news import (
    PlaceChange,
    place_held,
    place_released,
    tell_holders,
    track_places,
)
from notifications.entrypoints.enrolment_triggers import command_for

T0 = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def test_a_benefit_is_its_own_source_and_names_the_benefit():
    facts = {**EXAMPLE_FACTS, "enrolment_id": uuid4()}
    granted = SupportGrantedV1(
        **facts, support_category="woman", benefit="stipend", legal_basis="x", granted_on=date(2026, 1, 1)
    )

    command = command_for(granted)

    assert (command.kind, command.source) == ("support-granted", f"{facts['enrolment_id']}:stipend")
    assert command.variables["benefit"] == "stipend"


async def test_a_withdrawal_told_twice_makes_one_message(uow, deps):
    withdrawn = EnrolmentWithdrawnV1(**EXAMPLE_FACTS, withdrawn_at=T0)

    told = [await notify_learner(command_for(withdrawn), uow, deps) for _ in range(2)]

    assert told == [True, False]
    [message] = uow.messages.items.values()
    assert message.template == "enrolment-withdrawn" and EXAMPLE_FACTS["course_id"] in message.body_vi


async def test_an_offering_change_is_told_once_per_revision_to_current_holders_only(uow, deps):
    offering, stays, leaves = uuid4(), uuid4(), uuid4()
    for enrolment, learner in ((uuid4(), stays), (leaves_enrolment := uuid4(), leaves)):
        await place_held(enrolment, learner, offering, uow)
    await place_released(leaves_enrolment, uow)
    values = {"course_id": "c", "starts_on": "2027-01-04"}

    told = [
        await tell_holders(offering, "offering-changed", f"{offering}:revision-2", values, uow, deps)
        for _ in "ab"
    ]

    assert told == [1, 0]
    [message] = uow.messages.items.values()
    assert message.learner_id == stays and "2027-01-04" in message.body_en


async def test_a_batch_of_facts_tells_each_once_and_ends_places_as_told_one_after_the_other(uow, deps):
    stays, leaves = (PlaceChange(uuid4(), uuid4(), uuid4(), True) for _ in "ab")
    withdrawn = EnrolmentWithdrawnV1(**EXAMPLE_FACTS, withdrawn_at=T0)
    commands = [command_for(withdrawn)] * 2 + [command_for(replace_learner(withdrawn))]

    told = await notify_learners(commands, uow, deps)
    await track_places([stays, leaves, replace(leaves, held=False), replace(stays, held=True)], uow)

    assert told == 2 and len(uow.messages.items) == 2  # the same fact twice in a batch: one message
    assert await uow.places.holders(stays.offering_id) == [stays.learner_id]
    assert await uow.places.holders(leaves.offering_id) == []


def replace_learner(event: EnrolmentWithdrawnV1) -> EnrolmentWithdrawnV1:
    return event.model_copy(update={"learner_id": uuid4()})
