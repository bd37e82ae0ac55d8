"""Structured JSON logs that carry trace ids and never personal data."""

import logging
import re
import sys
import traceback
from typing import Any

from pythonjsonlogger.json import JsonFormatter

from servicekit.telemetry import trace_ids

# Keys that would carry learners' personal data, compared without case, `_` or `-` (`fullName`, `Full-Name`).
PERSONAL_KEYS = frozenset(
    {
        "name",
        "full_name",
        "first_name",
        "last_name",
        "email",
        "phone",
        "address",
        "birth_date",
        "national_id",
        "ethnicity",
        "ethnic_group",
        "disability",
        "household_status",
        "contacts",
        "learner_id",
        "sex",
        "gender",
        "age",
        "locality_code",
    }
)
REDACTED = "[redacted]"
# Recognisable in free text: e-mail addresses, phone numbers (9+ digits; dates have 8), UUIDs (learner ids).
_PERSONAL_TEXT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
    r"|(?<![\w.])\+?\d(?:[ .-]?\d){8,}(?![\w.])"
)
# A record's own attributes (`name` is the logger's name) are never personal data and stay as they are;
# so do the ids of events and messages (faststream's `message_id`), which operators need to follow an event.
_RECORD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "trace_id", "span_id"}
_EVENT_ID_ATTRIBUTES = frozenset({"message_id", "event_id", "ce_id", "correlation_id"})


def _normal(key: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(key).lower())


_PERSONAL_NORMAL = frozenset(_normal(k) for k in PERSONAL_KEYS)


def is_personal_key(key: object) -> bool:
    """Whether a field named `key` would hold personal data."""
    return _normal(key) in _PERSONAL_NORMAL


def masked(value: Any) -> Any:
    """`value` with personal-data fields redacted at any depth and personal data in strings replaced."""
    if isinstance(value, dict):
        return {k: REDACTED if is_personal_key(k) else masked(v) for k, v in value.items()}
    if type(value) in (list, tuple, set, frozenset):  # exactly: a named tuple is rendered, then scrubbed
        return type(value)(masked(v) for v in value)
    if isinstance(value, str):
        return _PERSONAL_TEXT.sub(REDACTED, value)
    return value


def safe_traceback(exc: BaseException) -> str:
    """The stack frames and exception types of `exc` and its causes, without their messages (values)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    parts = []
    for link in reversed(chain):
        frames = "".join(traceback.format_tb(link.__traceback__))
        kind = type(link)
        parts.append(f"Traceback (most recent call last):\n{frames}{kind.__module__}.{kind.__qualname__}")
    return "\n\nThe above caused:\n\n".join(parts)


class TraceAndPrivacyFilter(logging.Filter):
    """Adds trace_id/span_id; masks personal data in extras, arguments, the message and tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        ids = trace_ids()
        record.trace_id, record.span_id = ids if ids else ("", "")
        try:
            self._mask(record)
        except Exception as exc:  # logging must never fail the caller, nor let an unmasked record through
            record.msg, record.args, record.exc_info = f"record withheld: {type(exc).__name__}", None, None
        return True

    def _mask(self, record: logging.LogRecord) -> None:
        for key in record.__dict__.keys() - _RECORD_ATTRIBUTES - _EVENT_ID_ATTRIBUTES:
            setattr(record, key, REDACTED if is_personal_key(key) else masked(getattr(record, key)))
        if isinstance(record.msg, dict):
            record.msg = masked(record.msg)
        else:
            record.msg, record.args = masked(_rendered(record)), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text, record.exc_info = safe_traceback(record.exc_info[1]), None


def _rendered(record: logging.LogRecord) -> str:
    record.args = masked(record.args)  # before rendering: keyed containers lose their personal fields
    try:
        return record.getMessage()
    except (TypeError, ValueError):  # arguments that do not fit the format: keep the format alone
        return str(record.msg)


def configure_logging(service_name: str, level: str = "INFO", stream: Any = None) -> None:
    """Send JSON lines to stderr (or `stream`) for the whole process."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(trace_id)s %(span_id)s",
            static_fields={"service": service_name},
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    handler.addFilter(TraceAndPrivacyFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
