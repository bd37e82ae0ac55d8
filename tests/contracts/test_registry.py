"""Registry: every event module is found, and types resolve by name and major version."""

from typing import ClassVar

import pytest
from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events import CoursePublishedV1, EnrolmentConfirmedV1
from contracts.events.city import AttendanceRecordedV1, ExternalCourseCompletedV1, LearningActivityRecordedV1
from contracts.events.content import (
    CoursePublishedV2,
    CourseRetiredV1,
    CourseUpdatedV1,
    MaterialPublishedV1,
    MaterialRetiredV1,
    OfferingCancelledV1,
    OfferingChangedV1,
    OfferingScheduledV1,
)
from contracts.events.enrolment import (
    EnrolmentCompletedV1,
    EnrolmentConfirmedV2,
    EnrolmentDroppedV1,
    EnrolmentPromotedV1,
    EnrolmentWaitlistedV1,
    EnrolmentWithdrawnV1,
    LearnerContactsChangedV1,
    LearnerContactsErasedV1,
    LearnerErasedV1,
    LearnerRegisteredV1,
    LearnerUpdatedV1,
    ProgressRecordedV1,
    SupportGrantedV1,
    TeacherStandardAttainedV1,
)
from contracts.events.notifications import (
    CampaignFinishedV1,
    CampaignStartedV1,
    MessageDeliveredV1,
    MessageFailedV1,
    MessageOpenedV1,
    MessageSentV1,
)
from contracts.registry import all_events, registered, resolve
from contracts.rejections import UnknownEventType, UnknownMajorVersion
from contracts.topics import FOREVER, Topic, topic

PLATFORM_EVENTS = [
    AttendanceRecordedV1,
    ExternalCourseCompletedV1,
    LearningActivityRecordedV1,
    CoursePublishedV1,
    CoursePublishedV2,
    CourseRetiredV1,
    CourseUpdatedV1,
    MaterialPublishedV1,
    MaterialRetiredV1,
    OfferingCancelledV1,
    OfferingChangedV1,
    OfferingScheduledV1,
    EnrolmentCompletedV1,
    EnrolmentConfirmedV1,
    EnrolmentConfirmedV2,
    EnrolmentDroppedV1,
    EnrolmentPromotedV1,
    EnrolmentWaitlistedV1,
    EnrolmentWithdrawnV1,
    LearnerErasedV1,
    LearnerRegisteredV1,
    LearnerUpdatedV1,
    LearnerContactsChangedV1,
    LearnerContactsErasedV1,
    ProgressRecordedV1,
    SupportGrantedV1,
    TeacherStandardAttainedV1,
    CampaignFinishedV1,
    CampaignStartedV1,
    MessageDeliveredV1,
    MessageFailedV1,
    MessageOpenedV1,
    MessageSentV1,
]


def test_discovers_every_event_module() -> None:
    assert all_events() == PLATFORM_EVENTS


def test_resolves_a_known_type() -> None:
    assert resolve("vn.hanoi.learningcity.content.course.published.v1") is CoursePublishedV1


def test_unknown_major_of_known_type() -> None:
    with pytest.raises(UnknownMajorVersion):
        resolve("vn.hanoi.learningcity.content.course.published.v3")


@pytest.mark.parametrize("ce_type", ["vn.hanoi.learningcity.content.course.archived.v1", "CoursePublished"])
def test_unknown_type(ce_type: str) -> None:
    with pytest.raises(UnknownEventType):
        resolve(ce_type)


@pytest.mark.parametrize("cls", all_events())
def test_event_is_declared_on_its_topic(cls: type[EventModel]) -> None:
    assert cls.ce_type in topic(cls.topic).event_types
    assert cls.topic.startswith(f"{cls.event_type().producer}.")


@pytest.mark.parametrize("cls", all_events())
def test_aggregate_id_is_the_subject_and_key(cls: type[EventModel]) -> None:
    example = cls.example()
    assert example.aggregate_id() == str(getattr(example, cls.aggregate_field))
    assert example.subject() == example.aggregate_id()


@pytest.mark.parametrize("cls", all_events())
def test_events_are_immutable_and_tolerant(cls: type[EventModel]) -> None:
    assert cls.model_config.get("frozen") is True
    assert cls.model_config.get("extra") == "ignore"


class _ProbeSentV1(EventModel):
    """A test-only event (the kit's tests register theirs the same way)."""

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.probe.probe.sent.v1"
    classification: ClassVar[DataClassification] = DataClassification.PUBLIC
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "probe.probes"
    aggregate_field: ClassVar[str] = "probe_id"

    probe_id: str


_PROBES = Topic("probe.probes", 1, FOREVER, "Probes.", ("vn.hanoi.learningcity.probe.probe.sent.v1",))


def test_registered_event_resolves_only_inside_the_block() -> None:
    with registered(_PROBES, _ProbeSentV1):
        assert resolve(_ProbeSentV1.ce_type) is _ProbeSentV1
        assert topic("probe.probes.dlq").is_dead_letter
    with pytest.raises(UnknownEventType):
        resolve(_ProbeSentV1.ce_type)
    assert all_events() == PLATFORM_EVENTS


def test_registering_an_event_on_a_topic_that_does_not_list_it_is_refused() -> None:
    other = Topic("probe.probes", 1, FOREVER, "Probes.", ())
    with pytest.raises(TypeError), registered(other, _ProbeSentV1):
        pass
    assert all_events() == PLATFORM_EVENTS
