"""decode_event: a consumer gets a typed event, or one precise rejection that never leaks payload values."""

import json

import pytest
from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.envelope import Envelope, decode_event, encode_event
from contracts.events import CoursePublishedV1, EnrolmentConfirmedV1
from contracts.rejections import (
    InvalidPayload,
    MalformedEnvelope,
    NotCleared,
    RejectedEvent,
    UnknownEventType,
    UnknownMajorVersion,
    UntrustedSource,
)

Headers = list[tuple[str, bytes]]
ENROLMENT_V1 = "vn.hanoi.learningcity.enrolment.enrolment.confirmed.v1"


def _with_type(headers: Headers, ce_type: str) -> Headers:
    return [(n, ce_type.encode() if n == "ce_type" else v) for n, v in headers]


def test_decodes_a_valid_event(
    headers: Headers, payload: bytes, reporting_clearance: Clearance, enrolment: EnrolmentConfirmedV1
) -> None:
    envelope, event = decode_event(headers, payload, reporting_clearance)
    assert event == enrolment
    assert isinstance(event, EnrolmentConfirmedV1)
    assert envelope.type == ENROLMENT_V1


def test_ignores_unknown_payload_fields(
    headers: Headers, payload: bytes, reporting_clearance: Clearance
) -> None:
    richer = json.dumps({**json.loads(payload), "added_in_a_later_minor": True}).encode()
    _, event = decode_event(headers, richer, reporting_clearance)
    assert isinstance(event, EnrolmentConfirmedV1)


def test_rejects_bad_json(headers: Headers, reporting_clearance: Clearance) -> None:
    with pytest.raises(InvalidPayload, match="not valid JSON") as caught:
        decode_event(headers, b'{"enrolment_id": ', reporting_clearance)
    assert caught.value.code == "invalid_payload"


def test_rejects_missing_ce_type(headers: Headers, payload: bytes, reporting_clearance: Clearance) -> None:
    without_type = [(n, v) for n, v in headers if n != "ce_type"]
    with pytest.raises(MalformedEnvelope) as caught:
        decode_event(without_type, payload, reporting_clearance)
    assert caught.value.reason == "missing header ce_type"
    assert caught.value.code == "malformed_envelope"


def test_rejects_unknown_type(headers: Headers, payload: bytes, reporting_clearance: Clearance) -> None:
    unknown = _with_type(headers, "vn.hanoi.learningcity.enrolment.enrolment.transferred.v1")
    with pytest.raises(UnknownEventType, match="not in the registry") as caught:
        decode_event(unknown, payload, reporting_clearance)
    assert caught.value.code == "unknown_event_type"


def test_rejects_unknown_major(headers: Headers, payload: bytes, reporting_clearance: Clearance) -> None:
    newer = _with_type(headers, "vn.hanoi.learningcity.enrolment.enrolment.confirmed.v3")
    with pytest.raises(UnknownMajorVersion, match=r"no major v3 \(known: v1, v2\)") as caught:
        decode_event(newer, payload, reporting_clearance)
    assert caught.value.code == "unknown_major_version"


def test_invalid_payload_names_fields_but_not_values(
    headers: Headers, reporting_clearance: Clearance
) -> None:
    secret_locality, secret_learner = "9x9x9", "not-a-uuid-but-personal-looking"
    body = {
        "enrolment_id": "5c2a9d4e-1f3b-4a6c-8e7d-9b0a1c2d3e4f",
        "course_id": "0b6f3f0e-8d1c-4f57-9a43-2f5d2c7e9a10",
        "learner_id": secret_learner,
        "confirmed_at": "2026-02-03T02:15:00Z",
        "locality_code": secret_locality,
    }
    with pytest.raises(InvalidPayload) as caught:
        decode_event(headers, json.dumps(body).encode(), reporting_clearance)
    reason = caught.value.reason
    assert "learner_id" in reason and "locality_code" in reason
    assert secret_learner not in str(caught.value) and secret_locality not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_invalid_payload_reports_missing_field(headers: Headers, reporting_clearance: Clearance) -> None:
    with pytest.raises(InvalidPayload, match="confirmed_at: missing"):
        decode_event(
            headers, b'{"enrolment_id": "5c2a9d4e-1f3b-4a6c-8e7d-9b0a1c2d3e4f"}', reporting_clearance
        )


def test_rejects_consumer_not_cleared(headers: Headers, payload: bytes, public_clearance: Clearance) -> None:
    with pytest.raises(NotCleared, match="internal/personal") as caught:
        decode_event(headers, payload, public_clearance)
    assert caught.value.code == "not_cleared"


def test_rejects_consumer_cleared_for_level_but_not_category(headers: Headers, payload: bytes) -> None:
    non_personal_only = Clearance(DataClassification.RESTRICTED, frozenset({DataCategory.NON_PERSONAL}))
    with pytest.raises(NotCleared):
        decode_event(headers, payload, non_personal_only)


def test_rejects_headers_that_mislabel_the_data(
    course: CoursePublishedV1, enrolment: EnrolmentConfirmedV1, reporting_clearance: Clearance
) -> None:
    course_headers = Envelope.for_event(course, source="/vn/hanoi/learningcity/content").to_headers()
    mislabelled = _with_type(course_headers, ENROLMENT_V1)
    with pytest.raises(MalformedEnvelope, match="the contract says internal/personal"):
        decode_event(mislabelled, encode_event(enrolment), reporting_clearance)


def test_rejects_subject_that_does_not_match_payload(
    headers: Headers, enrolment: EnrolmentConfirmedV1, reporting_clearance: Clearance
) -> None:
    other = enrolment.model_copy(update={"enrolment_id": enrolment.course_id})
    with pytest.raises(MalformedEnvelope, match="ce_subject does not match"):
        decode_event(headers, encode_event(other), reporting_clearance)


def test_rejections_share_a_base_and_have_distinct_codes() -> None:
    kinds = [
        MalformedEnvelope,
        UnknownEventType,
        UnknownMajorVersion,
        NotCleared,
        InvalidPayload,
        UntrustedSource,
    ]
    assert all(issubclass(kind, RejectedEvent) for kind in kinds)
    assert len({kind.code for kind in kinds}) == len(kinds)
