"""The decoder's caches (headers that never change per producer and type, admissions per type and source)
never let through an event the uncached checks would refuse, and say the same reason."""

from typing import ClassVar

import pytest
from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.envelope import Envelope, decode_event, encode_event, source_for
from contracts.event import EventModel
from contracts.registry import registered
from contracts.rejections import MalformedEnvelope, UnknownEventType, UntrustedSource
from contracts.rights import narrowest_clearance
from contracts.topics import FOREVER, Topic

Headers = list[tuple[str, bytes]]


def _with(headers: Headers, name: str, value: bytes | None) -> Headers:
    """`headers` with `name` set to `value` in its place (left out when None)."""
    return [(n, value if n == name else v) for n, v in headers if n != name or value is not None]


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("ce_id", b"", "empty header ce_id"),
        ("ce_subject", None, "missing header ce_subject"),
        ("ce_time", b"yesterday", "bad ce_time"),
        ("ce_type", b"\xff", "header ce_type is not valid UTF-8"),
        ("ce_specversion", b"0.3", "ce_specversion '0.3' is not 1.0"),
    ],
)
def test_a_bad_header_is_refused_after_a_good_event_of_the_same_kind(
    headers: Headers, payload: bytes, reporting_clearance: Clearance, name: str, value: bytes, reason: str
) -> None:
    decode_event(headers, payload, reporting_clearance)  # its constant headers are now cached
    with pytest.raises(MalformedEnvelope, match=reason):
        decode_event(_with(headers, name, value), payload, reporting_clearance)


def test_a_repeated_header_is_refused_after_a_good_event(
    headers: Headers, payload: bytes, reporting_clearance: Clearance
) -> None:
    decode_event(headers, payload, reporting_clearance)
    with pytest.raises(MalformedEnvelope, match="duplicate header ce_id"):
        decode_event([*headers, ("ce_id", b"another")], payload, reporting_clearance)


def test_an_untrusted_source_is_refused_after_a_trusted_one(
    headers: Headers, payload: bytes, reporting_clearance: Clearance
) -> None:
    decode_event(headers, payload, reporting_clearance)
    with pytest.raises(UntrustedSource):
        decode_event(_with(headers, "ce_source", b"/somebody/else"), payload, reporting_clearance)


def test_a_repeated_unrelated_header_is_still_allowed(
    headers: Headers, payload: bytes, reporting_clearance: Clearance
) -> None:
    twice = [*headers, ("x-note", b"a"), ("x-note", b"b")]
    assert decode_event(twice, payload, reporting_clearance) == decode_event(
        headers, payload, reporting_clearance
    )


class _CachedProbeV1(EventModel):
    """A test-only event, known only inside `registered`."""

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.probe.cached.sent.v1"
    classification: ClassVar[DataClassification] = DataClassification.PUBLIC
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "probe.cached"
    aggregate_field: ClassVar[str] = "probe_id"

    probe_id: str


_TOPIC = Topic("probe.cached", 1, FOREVER, "Probes.", (_CachedProbeV1.ce_type,))


def test_an_event_decoded_inside_registered_is_unknown_after_the_block() -> None:
    event = _CachedProbeV1(probe_id="p-1")
    headers = Envelope.for_event(event, source=source_for("probe")).to_headers()
    clearance = narrowest_clearance(_CachedProbeV1)
    with registered(_TOPIC, _CachedProbeV1):
        assert decode_event(headers, encode_event(event), clearance)[1] == event
    with pytest.raises(UnknownEventType):
        decode_event(headers, encode_event(event), clearance)
