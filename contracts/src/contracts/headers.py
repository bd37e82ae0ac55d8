"""Kafka header names of CloudEvents binary mode, and reading them into checked text values."""

import re
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventType, InvalidEventType

SPECVERSION = "1.0"
CONTENT_TYPE = "application/json"
HEADER_FIELDS: dict[str, str] = {
    "ce_id": "id",
    "ce_source": "source",
    "ce_specversion": "specversion",
    "ce_type": "type",
    "ce_time": "time",
    "ce_subject": "subject",
    "content-type": "datacontenttype",
    "ce_dataclassification": "dataclassification",
    "ce_dataregulation": "dataregulation",
    "ce_datacategory": "datacategory",
    "traceparent": "traceparent",
    "tracestate": "tracestate",
}
"""Kafka header name (case-sensitive) -> Envelope field, in the order headers are written."""
OPTIONAL_HEADERS = frozenset({"ce_dataregulation", "traceparent", "tracestate"})
"""Headers that may be absent; ``ce_dataregulation`` is present exactly for personal data."""
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")

HeaderValue = bytes | str | None
"""Kafka clients give bytes; some give str, or None for a header without a value."""


class EnvelopeError(ValueError):
    """Kafka headers that do not form a valid CloudEvents envelope of this platform."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_headers(headers: Sequence[tuple[str, HeaderValue]]) -> dict[str, str]:
    """The CloudEvents headers as checked text (other headers ignored); raises EnvelopeError."""
    return read_checked(headers)[0]


def read_checked(headers: Sequence[tuple[str, HeaderValue]]) -> tuple[dict[str, str], datetime]:
    """`read_headers`' values and the parsed ``ce_time``; raises EnvelopeError.

    Seven headers are the same for every event of one producer and type: their checks run once per distinct
    set (cached), only id, time, subject and trace context per event. Any failure is reported by the plain
    header-by-header reading, so the reason is the same as without the cache."""
    try:
        return _read_fast(headers)
    except (EnvelopeError, UnicodeDecodeError, KeyError):
        pass
    values = _read_slowly(headers)
    return values, parse_time(values["ce_time"])


def _read_fast(headers: Sequence[tuple[str, HeaderValue]]) -> tuple[dict[str, str], datetime]:
    by_name = dict(headers)
    if len(by_name) != len(headers):
        raise EnvelopeError("a repeated header")  # the slow reading says which, or allows it
    values = _constant_values(tuple(by_name.get(name) for name in _CONSTANT)).copy()
    for name in _VARYING:
        raw = by_name.get(name)
        if raw is not None or name not in OPTIONAL_HEADERS:
            values[name] = _text(raw)
    return values, parse_time(values["ce_time"])


@lru_cache(maxsize=1024)  # a consumer meets a few dozen (source, type) pairs; bounded against odd senders
def _constant_values(raws: tuple[HeaderValue, ...]) -> dict[str, str]:
    values = {name: _text(raw) for name, raw in zip(_CONSTANT, raws, strict=True) if raw is not None}
    if not _REQUIRED.difference(_VARYING).issubset(values):
        raise EnvelopeError("missing header")
    _check_constant(values)
    return values


def _text(raw: HeaderValue) -> str:
    text = raw.decode() if isinstance(raw, bytes) else raw
    if not text:
        raise EnvelopeError("empty header")
    return text


def _read_slowly(headers: Sequence[tuple[str, HeaderValue]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, raw in headers:
        if name not in HEADER_FIELDS:
            continue
        if name in values:
            raise EnvelopeError(f"duplicate header {name}")
        try:
            text = raw.decode() if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            raise EnvelopeError(f"header {name} is not valid UTF-8") from None
        if not text:
            raise EnvelopeError(f"empty header {name}")
        values[name] = text
    if len(values) < len(HEADER_FIELDS) and not _REQUIRED.issubset(values):
        missing = next(h for h in HEADER_FIELDS if h in _REQUIRED and h not in values)
        raise EnvelopeError(f"missing header {missing}")
    _check_constant(values)
    return values


# Computed once: this runs for every consumed event.
_REQUIRED = frozenset(HEADER_FIELDS) - OPTIONAL_HEADERS
_VARYING = ("ce_id", "ce_time", "ce_subject", "traceparent", "tracestate")
_CONSTANT = tuple(name for name in HEADER_FIELDS if name not in _VARYING)
_PERSONAL = frozenset(str(member) for member in DataCategory if member.is_personal)
_LABELS = (
    ("ce_dataclassification", tuple(str(member) for member in DataClassification)),
    ("ce_datacategory", tuple(str(member) for member in DataCategory)),
)


def _check_constant(values: dict[str, str]) -> None:
    """Checks whose failures deserve a more precise reason than the model's validation gives."""
    if values["ce_specversion"] != SPECVERSION:
        raise EnvelopeError(f"ce_specversion {values['ce_specversion']!r} is not {SPECVERSION}")
    if values["content-type"] != CONTENT_TYPE:
        raise EnvelopeError(f"content-type {values['content-type']!r} is not {CONTENT_TYPE}")
    try:
        EventType.parse(values["ce_type"])
    except InvalidEventType as exc:
        raise EnvelopeError(f"bad ce_type: {exc.reason}") from None
    if "ce_time" in values:  # read per event, so not among the cached values
        parse_time(values["ce_time"])
    for header, allowed in _LABELS:
        if values[header] not in allowed:
            raise EnvelopeError(f"{header} {values[header]!r} is not one of {', '.join(allowed)}")
    if ("ce_dataregulation" in values) != (values["ce_datacategory"] in _PERSONAL):
        raise EnvelopeError("ce_dataregulation must be present exactly when ce_datacategory is personal")


def parse_time(text: str) -> datetime:
    """An RFC 3339 timestamp with offset (``Z`` or ``±hh:mm``); raises EnvelopeError ("bad ce_time")."""
    if _RFC3339.fullmatch(text) is None:
        raise EnvelopeError(f"bad ce_time {text!r}: expected RFC 3339, e.g. 2026-01-01T08:00:00Z")
    try:
        return datetime.fromisoformat(text.upper())
    except ValueError:
        raise EnvelopeError(f"bad ce_time {text!r}: not a valid date and time") from None


def format_time(moment: datetime) -> str:
    """RFC 3339 in UTC with a ``Z`` suffix, as written in ``ce_time``."""
    return moment.isoformat().replace("+00:00", "Z")
