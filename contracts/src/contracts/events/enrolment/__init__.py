"""Events produced by the enrolment service."""

from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from contracts.events.enrolment.learner_contacts_changed_v1 import LearnerContactsChangedV1
from contracts.events.enrolment.learner_contacts_erased_v1 import LearnerContactsErasedV1
from contracts.events.enrolment.learner_erased_v1 import LearnerErasedV1
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from contracts.events.enrolment.learner_updated_v1 import LearnerUpdatedV1
from contracts.events.enrolment.teacher_standard_attained_v1 import TeacherStandardAttainedV1

__all__ = [
    "EnrolmentConfirmedV1",
    "LearnerContactsChangedV1",
    "LearnerContactsErasedV1",
    "LearnerErasedV1",
    "LearnerRegisteredV1",
    "LearnerUpdatedV1",
    "TeacherStandardAttainedV1",
]
