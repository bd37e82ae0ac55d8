"""Envelope: CloudEvents Kafka headers are written and read back exactly, and bad headers are explained."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from contracts.classification import VN_PERSONAL_DATA_REGULATION
from contracts.envelope import Envelope, EnvelopeError
from contracts.events import CoursePublishedV1, EnrolmentConfirmedV1
from pydantic import ValidationError

Headers = list[tuple[str, bytes]]


def _replace(headers: Headers, name: str, value: bytes | None) -> Headers:
    kept = [(n, v) for n, v in headers if n != name]
    return kept if value is None else [*kept, (name, value)]


def test_round_trips_through_headers(envelope: Envelope, headers: Headers) -> None:
    assert Envelope.from_headers(headers) == envelope


def test_writes_binary_mode_header_names(headers: Headers) -> None:
    assert [name for name, _ in headers] == [
        "ce_id",
        "ce_source",
        "ce_specversion",
        "ce_type",
        "ce_time",
        "ce_subject",
        "content-type",
        "ce_dataclassification",
        "ce_dataregulation",
        "ce_datacategory",
        "traceparent",
    ]


def test_writes_values_as_cloudevents_expects(headers: Headers, enrolment: EnrolmentConfirmedV1) -> None:
    values = dict(headers)
    assert values["ce_specversion"] == b"1.0"
    assert values["ce_type"] == b"vn.hanoi.learningcity.enrolment.enrolment.confirmed.v1"
    assert values["ce_time"] == b"2026-02-03T02:15:00.123456Z"
    assert values["ce_subject"] == str(enrolment.enrolment_id).encode()
    assert values["content-type"] == b"application/json"
    assert values["ce_dataclassification"] == b"internal"
    assert values["ce_datacategory"] == b"personal"
    assert values["ce_dataregulation"] == VN_PERSONAL_DATA_REGULATION.encode()


def test_non_personal_event_carries_no_regulation(course: CoursePublishedV1) -> None:
    headers = dict(Envelope.for_event(course, source="/vn/hanoi/learningcity/content").to_headers())
    assert "ce_dataregulation" not in headers
    assert headers["ce_datacategory"] == b"non-personal"
    assert "traceparent" not in headers


def test_defaults_to_fresh_id_and_current_utc_time(course: CoursePublishedV1) -> None:
    first = Envelope.for_event(course, source="/vn/hanoi/learningcity/content")
    second = Envelope.for_event(course, source="/vn/hanoi/learningcity/content")
    assert first.id != second.id
    assert abs(datetime.now(UTC) - first.time) < timedelta(seconds=5)


def test_normalises_time_to_utc(course: CoursePublishedV1) -> None:
    hanoi = timezone(timedelta(hours=7))
    envelope = Envelope.for_event(course, source="/x", time=datetime(2026, 2, 3, 9, 0, tzinfo=hanoi))
    assert dict(envelope.to_headers())["ce_time"] == b"2026-02-03T02:00:00Z"


def test_rejects_naive_time(course: CoursePublishedV1) -> None:
    with pytest.raises(ValidationError):
        Envelope.for_event(course, source="/x", time=datetime(2026, 2, 3, 9, 0))


def test_reads_str_headers_and_ignores_unknown_ones(headers: Headers, envelope: Envelope) -> None:
    text_headers = [(name, value.decode()) for name, value in headers] + [("x-retry", "2")]
    assert Envelope.from_headers(text_headers) == envelope


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("ce_type", None, "missing header ce_type"),
        ("ce_id", None, "missing header ce_id"),
        ("ce_subject", None, "missing header ce_subject"),
        ("ce_specversion", b"0.3", "ce_specversion '0.3' is not 1.0"),
        ("ce_time", b"yesterday", "bad ce_time 'yesterday'"),
        ("ce_time", b"2026-02-03T02:15:00", "bad ce_time"),
        ("ce_time", b"2026-02-30T02:15:00Z", "bad ce_time"),
        ("content-type", b"application/xml", "content-type 'application/xml' is not application/json"),
        ("ce_type", b"OrderPlaced", "bad ce_type"),
        ("ce_dataclassification", b"secret", "ce_dataclassification 'secret' is not one of"),
        ("ce_datacategory", b"private", "ce_datacategory 'private' is not one of"),
        ("ce_dataregulation", None, "ce_dataregulation must be present"),
        ("ce_id", b"", "empty header ce_id"),
        ("ce_source", b"\xff\xfe", "header ce_source is not valid UTF-8"),
    ],
)
def test_explains_bad_headers(headers: Headers, name: str, value: bytes | None, reason: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        Envelope.from_headers(_replace(headers, name, value))
    assert reason in caught.value.reason


def test_rejects_regulation_on_non_personal_data(course: CoursePublishedV1) -> None:
    headers = [*Envelope.for_event(course, source="/x").to_headers(), ("ce_dataregulation", b"VN-PDPL")]
    with pytest.raises(EnvelopeError, match="ce_dataregulation must be present exactly"):
        Envelope.from_headers(headers)


def test_rejects_duplicate_header(headers: Headers) -> None:
    with pytest.raises(EnvelopeError, match="duplicate header ce_type"):
        Envelope.from_headers([*headers, ("ce_type", b"vn.hanoi.learningcity.content.course.published.v1")])


def test_header_names_are_case_sensitive(headers: Headers) -> None:
    renamed = [("CE_TYPE" if name == "ce_type" else name, value) for name, value in headers]
    with pytest.raises(EnvelopeError, match="missing header ce_type"):
        Envelope.from_headers(renamed)


@pytest.mark.parametrize("model", [CoursePublishedV1, EnrolmentConfirmedV1])
@pytest.mark.parametrize("offset", [UTC, timezone(timedelta(hours=7))])
def test_reads_the_envelope_validation_would_build(model: type, offset: timezone) -> None:
    """Headers are checked once (read_headers) and the envelope built from them, without validating twice:
    the result is the envelope the model's own validation makes of the same values, time in UTC."""
    sent = Envelope.for_event(
        model.example(), source="/s", time=datetime(2027, 1, 2, 10, tzinfo=offset), tracestate="k=v"
    )
    headers = sent.to_headers()
    validated = Envelope.model_validate(sent.model_dump())
    read = Envelope.from_headers(headers)
    assert read == validated and read.model_dump() == validated.model_dump()
    assert read.time.tzinfo == UTC and type(read.dataclassification) is type(validated.dataclassification)
