"""Kafka header names of CloudEvents binary mode, and reading them into checked text values."""

import re
from collections.abc import Sequence
from datetime import datetime

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
    _check_values(values)
    return values


# Computed once: this runs for every consumed event.
_REQUIRED = frozenset(HEADER_FIELDS) - OPTIONAL_HEADERS
_PERSONAL = frozenset(str(member) for member in DataCategory if member.is_personal)
_LABELS = (
    ("ce_dataclassification", tuple(str(member) for member in DataClassification)),
    ("ce_datacategory", tuple(str(member) for member in DataCategory)),
)


def _check_values(values: dict[str, str]) -> None:
    """Checks whose failures deserve a more precise reason than the model's validation gives."""
    if values["ce_specversion"] != SPECVERSION:
        raise EnvelopeError(f"ce_specversion {values['ce_specversion']!r} is not {SPECVERSION}")
    if values["content-type"] != CONTENT_TYPE:
        raise EnvelopeError(f"content-type {values['content-type']!r} is not {CONTENT_TYPE}")
    try:
        EventType.parse(values["ce_type"])
    except InvalidEventType as exc:
        raise EnvelopeError(f"bad ce_type: {exc.reason}") from None
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
