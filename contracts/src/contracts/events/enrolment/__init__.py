"""Events produced by the enrolment service."""

from contracts.events.enrolment.enrolment_completed_v1 import EnrolmentCompletedV1
from contracts.events.enrolment.enrolment_confirmed_v1 import EnrolmentConfirmedV1
from contracts.events.enrolment.enrolment_confirmed_v2 import EnrolmentConfirmedV2
from contracts.events.enrolment.enrolment_dropped_v1 import EnrolmentDroppedV1
from contracts.events.enrolment.enrolment_promoted_v1 import EnrolmentPromotedV1
from contracts.events.enrolment.enrolment_waitlisted_v1 import EnrolmentWaitlistedV1
from contracts.events.enrolment.enrolment_withdrawn_v1 import EnrolmentWithdrawnV1
from contracts.events.enrolment.learner_contacts_changed_v1 import LearnerContactsChangedV1
from contracts.events.enrolment.learner_contacts_erased_v1 import LearnerContactsErasedV1
from contracts.events.enrolment.learner_erased_v1 import LearnerErasedV1
from contracts.events.enrolment.learner_registered_v1 import LearnerRegisteredV1
from contracts.events.enrolment.learner_updated_v1 import LearnerUpdatedV1
from contracts.events.enrolment.progress_recorded_v1 import ProgressRecordedV1
from contracts.events.enrolment.support_granted_v1 import Benefit, SupportGrantedV1
from contracts.events.enrolment.teacher_standard_attained_v1 import TeacherStandardAttainedV1

__all__ = [
    "Benefit",
    "EnrolmentCompletedV1",
    "EnrolmentConfirmedV1",
    "EnrolmentConfirmedV2",
    "EnrolmentDroppedV1",
    "EnrolmentPromotedV1",
    "EnrolmentWaitlistedV1",
    "EnrolmentWithdrawnV1",
    "LearnerContactsChangedV1",
    "LearnerContactsErasedV1",
    "LearnerErasedV1",
    "LearnerRegisteredV1",
    "LearnerUpdatedV1",
    "ProgressRecordedV1",
    "SupportGrantedV1",
    "TeacherStandardAttainedV1",
]
