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
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from contracts.events.enrolment.learner_contacts_changed_v1 import ContactChannel
from contracts.events.enrolment.learner_dimensions import LearnerType, Sex, SupportCategory

from enrolment.domain.dimensions import Dimensions
from enrolment.domain.enrolment import EnrolmentConfirmed
from enrolment.domain.learner import ContactsChanged, LearnerErased, LearnerRegistered, LearnerUpdated
from enrolment.domain.teacher import TeacherStandardAttained


def to_contract(event: object) -> list[EventModel]:
    """The contract events announcing one domain event."""
    match event:
        case EnrolmentConfirmed():
            return [
                EnrolmentConfirmedV1(
                    enrolment_id=event.enrolment_id,
                    course_id=event.course_id,
                    learner_id=event.learner_id,
                    confirmed_at=event.confirmed_at,
                    locality_code=event.locality_code,
                )
            ]
        case LearnerRegistered():
            return [
                LearnerRegisteredV1(
                    **_dimensions(event.dimensions), learner_id=event.learner_id, registered_at=event.at
                )
            ]
        case LearnerUpdated():
            return [
                LearnerUpdatedV1(
                    **_dimensions(event.dimensions), learner_id=event.learner_id, updated_at=event.at
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


def _dimensions(d: Dimensions) -> dict[str, object]:
    return {
        "sex": Sex(d.sex.value),
        "age_band": d.age_band,
        "locality_code": d.locality_code,
        "ethnic_minority": d.ethnic_minority,
        "support_categories": sorted(SupportCategory(c.value) for c in d.support_categories),
        "learner_type": LearnerType(d.learner_type.value),
    }
