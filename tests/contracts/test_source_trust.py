"""Only the declared producer of an event type may emit it: any other ce_source is refused."""

import json
from pathlib import Path

import pytest
from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.envelope import Envelope, decode_event, encode_event
from contracts.events import CoursePublishedV1, EnrolmentConfirmedV1
from contracts.rejections import RejectedEvent

EVERYTHING = Clearance(DataClassification.RESTRICTED, frozenset(DataCategory))
ASYNCAPI = Path(__file__).resolve().parents[2] / "contracts" / "asyncapi.json"


def _headers(event: CoursePublishedV1 | EnrolmentConfirmedV1, source: str) -> list[tuple[str, bytes]]:
    return Envelope.for_event(event, source=source).to_headers()


@pytest.mark.parametrize(
    "source",
    [
        "/vn/hanoi/learningcity/enrolment",  # a real service, but not the producer of course events
        "/vn/hanoi/learningcity/attacker",
        "/learningcity/content",  # the old, never-sent spelling
    ],
)
def test_course_published_from_another_source_is_refused(course: CoursePublishedV1, source: str) -> None:
    with pytest.raises(RejectedEvent) as caught:
        decode_event(_headers(course, source), encode_event(course), EVERYTHING)
    assert caught.value.code == "untrusted-source"
    assert source not in caught.value.reason  # the reason names the type, not attacker-chosen text


def test_course_published_by_content_is_accepted(course: CoursePublishedV1) -> None:
    _, event = decode_event(
        _headers(course, "/vn/hanoi/learningcity/content"), encode_event(course), EVERYTHING
    )
    assert event == course


def test_enrolment_confirmed_is_trusted_only_from_enrolment(enrolment: EnrolmentConfirmedV1) -> None:
    payload = encode_event(enrolment)
    decode_event(_headers(enrolment, "/vn/hanoi/learningcity/enrolment"), payload, EVERYTHING)
    with pytest.raises(RejectedEvent, match="not a trusted producer"):
        decode_event(_headers(enrolment, "/vn/hanoi/learningcity/reporting"), payload, EVERYTHING)


def test_asyncapi_examples_carry_the_source_the_services_send() -> None:
    document = json.loads(ASYNCAPI.read_text())
    sources = {
        name: message["examples"][0]["headers"]["ce_source"]
        for name, message in document["components"]["messages"].items()
    }
    assert sources == {
        "AttendanceRecordedV1": "/vn/hanoi/city/city-lms",
        "ExternalCourseCompletedV1": "/vn/hanoi/city/city-lms",
        "LearningActivityRecordedV1": "/vn/hanoi/city/city-lms",
        "CoursePublishedV1": "/vn/hanoi/learningcity/content",
        "CoursePublishedV2": "/vn/hanoi/learningcity/content",
        "CourseRetiredV1": "/vn/hanoi/learningcity/content",
        "CourseUpdatedV1": "/vn/hanoi/learningcity/content",
        "MaterialPublishedV1": "/vn/hanoi/learningcity/content",
        "MaterialRetiredV1": "/vn/hanoi/learningcity/content",
        "OfferingCancelledV1": "/vn/hanoi/learningcity/content",
        "OfferingChangedV1": "/vn/hanoi/learningcity/content",
        "OfferingScheduledV1": "/vn/hanoi/learningcity/content",
        "EnrolmentCompletedV1": "/vn/hanoi/learningcity/enrolment",
        "EnrolmentConfirmedV1": "/vn/hanoi/learningcity/enrolment",
        "CampaignFinishedV1": "/vn/hanoi/learningcity/notifications",
        "CampaignStartedV1": "/vn/hanoi/learningcity/notifications",
        "MessageDeliveredV1": "/vn/hanoi/learningcity/notifications",
        "MessageFailedV1": "/vn/hanoi/learningcity/notifications",
        "MessageOpenedV1": "/vn/hanoi/learningcity/notifications",
        "MessageSentV1": "/vn/hanoi/learningcity/notifications",
        "EnrolmentConfirmedV2": "/vn/hanoi/learningcity/enrolment",
        "EnrolmentDroppedV1": "/vn/hanoi/learningcity/enrolment",
        "EnrolmentPromotedV1": "/vn/hanoi/learningcity/enrolment",
        "EnrolmentWaitlistedV1": "/vn/hanoi/learningcity/enrolment",
        "EnrolmentWithdrawnV1": "/vn/hanoi/learningcity/enrolment",
        "LearnerContactsChangedV1": "/vn/hanoi/learningcity/enrolment",
        "LearnerContactsErasedV1": "/vn/hanoi/learningcity/enrolment",
        "LearnerErasedV1": "/vn/hanoi/learningcity/enrolment",
        "LearnerRegisteredV1": "/vn/hanoi/learningcity/enrolment",
        "LearnerUpdatedV1": "/vn/hanoi/learningcity/enrolment",
        "ProgressRecordedV1": "/vn/hanoi/learningcity/enrolment",
        "SupportGrantedV1": "/vn/hanoi/learningcity/enrolment",
        "TeacherStandardAttainedV1": "/vn/hanoi/learningcity/enrolment",
    }
