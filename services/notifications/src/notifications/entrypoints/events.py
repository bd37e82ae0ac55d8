"""Event subscribers of the notifications service."""

from datetime import timedelta

from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.events.enrolment import (
    EnrolmentDroppedV1,
    LearnerContactsChangedV1,
    LearnerContactsErasedV1,
    LearnerErasedV1,
    LearnerRegisteredV1,
    LearnerUpdatedV1,
)
from contracts.events.enrolment.enrolment_facts import EnrolmentFacts
from servicekit.consumer import EventConsumer
from servicekit.ports import Dependencies

from notifications.app.audience import forget_member, record_member
from notifications.app.late_contacts import receive_contacts
from notifications.app.learner_contacts import forget_learner
from notifications.app.notify_learner import notify_learners
from notifications.app.offering_news import record_interests, track_places
from notifications.app.ports import UnitOfWork
from notifications.domain.audience import AudienceMember
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.entrypoints.enrolment_triggers import TRIGGERS, command_for, place_change
from notifications.entrypoints.offering_events import offerings


def consumers(deps: Dependencies, late_window: timedelta = timedelta(0)) -> list[EventConsumer]:
    """Notifications consumes enrolment events, and learners' contacts (a second, restricted consumer);
    contacts arriving within `late_window` after a learner's messages add their missing deliveries."""
    return [_enrolments(deps), _contacts(deps, late_window), offerings(deps)]


def _enrolments(deps: Dependencies) -> EventConsumer:
    # Enrolment events are internal personal data (a pseudonymous id); nothing restricted or sensitive.
    # Confirmations are read in v2 only (v1 is being retired by enrolment): one message per enrolment.
    # independent: each confirmation makes its own message; a redriven one arriving late changes no other.
    consumer = EventConsumer(
        "notifications",
        Clearance(DataClassification.INTERNAL, frozenset({DataCategory.PERSONAL})),
        ordering="independent",
    )

    # A polled batch of enrolment facts in one transaction of a fixed handful of statements: one per event
    # and step (a score per event, one after the other) made notifications fall behind from ~100/s.
    @consumer.on_batch(*TRIGGERS, EnrolmentDroppedV1)
    async def on_enrolment_facts(events: list[EnrolmentFacts], uow: UnitOfWork) -> None:
        told = [e for e in events if isinstance(e, TRIGGERS)]
        await notify_learners([command_for(e) for e in told], uow, deps)
        await track_places([c for e in events if (c := place_change(e)) is not None], uow)
        await record_interests([(e.learner_id, e.offering_id) for e in told], uow)  # campaigns by theme

    _audience(consumer)
    return consumer


def _audience(consumer: EventConsumer) -> None:
    """Learners' dimensions (enrolment.learners) feed the campaigns' audience; a late older record loses
    to the stored one by its time, so independent ordering is enough."""

    async def on_dimensions(event: LearnerRegisteredV1 | LearnerUpdatedV1, uow: UnitOfWork) -> None:
        at = event.registered_at if isinstance(event, LearnerRegisteredV1) else event.updated_at
        categories = frozenset(c.value for c in event.support_categories)
        dims = (event.sex.value, event.age_band, event.locality_code, event.ethnic_minority, categories)
        await record_member(AudienceMember(event.learner_id, *dims, event.learner_type.value, at), uow)

    consumer.on(LearnerRegisteredV1)(on_dimensions)
    consumer.on(LearnerUpdatedV1)(on_dimensions)

    @consumer.on(LearnerErasedV1)
    async def on_erased(event: LearnerErasedV1, uow: UnitOfWork) -> None:
        await forget_member(event.learner_id, uow)


def _contacts(deps: Dependencies, late_window: timedelta) -> EventConsumer:
    # A consumer of its own so only it is cleared for restricted data (same group, other topic). A redriven
    # old record must never land after the erasure (the erased-ids table refuses it as well), hence
    # per-key-strict: a learner's contacts apply in order.
    consumer = EventConsumer(
        "notifications",
        Clearance(DataClassification.RESTRICTED, frozenset({DataCategory.PERSONAL})),
        ordering="per-key-strict",
    )

    @consumer.on(LearnerContactsChangedV1)
    async def on_contacts_changed(event: LearnerContactsChangedV1, uow: UnitOfWork) -> None:
        consent = frozenset(Channel(c.value) for c in event.consent)
        contacts = LearnerContacts(
            event.learner_id, event.email, event.phone, event.language, consent, event.changed_at
        )
        await receive_contacts(contacts, uow, deps, late_window)

    @consumer.on(LearnerContactsErasedV1)
    async def on_contacts_erased(event: LearnerContactsErasedV1, uow: UnitOfWork) -> None:
        await forget_learner(event.learner_id, event.erased_at, uow)

    return consumer
