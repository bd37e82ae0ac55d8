"""Maps enrolment's domain events onto the contract events other services consume."""

from contracts.event import EventModel
from contracts.events.content.offering_details import TeacherLevel
from contracts.events.enrolment import (
    LearnerContactsChangedV1,
    LearnerContactsErasedV1,
    LearnerErasedV1,
    LearnerRegisteredV1,
    LearnerUpdatedV1,
    TeacherStandardAttainedV1,
)
from contracts.events.enrolment.learner_contacts_changed_v1 import ContactChannel

from enrolment.adapters.enrolment_events import changed, dimensions, granted, progress
from enrolment.domain.benefits import BenefitGranted
from enrolment.domain.learner import ContactsChanged, LearnerErased, LearnerRegistered, LearnerUpdated
from enrolment.domain.lifecycle import Changed, ProgressRecorded
from enrolment.domain.teacher import TeacherStandardAttained


def to_contract(event: object) -> list[EventModel]:
    """The contract events announcing one domain event."""
    match event:
        case Changed():
            return changed(event)
        case ProgressRecorded():
            return progress(event)
        case BenefitGranted():
            return granted(event)
        case LearnerRegistered():
            return [
                LearnerRegisteredV1(
                    **dimensions(event.dimensions), learner_id=event.learner_id, registered_at=event.at
                )
            ]
        case LearnerUpdated():
            return [
                LearnerUpdatedV1(
                    **dimensions(event.dimensions), learner_id=event.learner_id, updated_at=event.at
                )
            ]
        case LearnerErased():
            # Both topics: statistics forget the person; notifications, reading the contacts topic, gets the
            # erasure after the learner's last contacts (same key) and compaction drops those contacts.
            return [
                LearnerErasedV1(learner_id=event.learner_id, erased_at=event.at),
                LearnerContactsErasedV1(learner_id=event.learner_id, erased_at=event.at),
            ]
        case TeacherStandardAttained():
            level = TeacherLevel(event.level.value)
            return [
                TeacherStandardAttainedV1(
                    learner_id=event.learner_id, level=level, attained_on=event.attained_on
                )
            ]
        case ContactsChanged():  # restricted: only on the contacts topic, which notifications alone reads
            return [_contacts(event)]
    raise TypeError(f"no contract event for {type(event).__name__}")


def _contacts(event: ContactsChanged) -> LearnerContactsChangedV1:
    c = event.contacts
    return LearnerContactsChangedV1(
        learner_id=event.learner_id,
        email=c.email,
        phone=c.phone,
        language="en" if c.language == "en" else "vi",
        consent=sorted(ContactChannel(channel.value) for channel in c.consent),
        changed_at=event.at,
    )
