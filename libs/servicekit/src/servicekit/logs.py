"""Structured JSON logs that carry trace ids and never personal data."""

import logging
import sys
from typing import Any

from pythonjsonlogger.json import JsonFormatter

from servicekit.telemetry import trace_ids

# Keys that would carry learners' personal data; their values are masked if anyone logs them.
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
    }
)
REDACTED = "[redacted]"
# A record's own attributes (`name` is the logger's name) are never personal data and stay as they are.
_RECORD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__)


class TraceAndPrivacyFilter(logging.Filter):
    """Adds trace_id/span_id and masks any attribute named like a personal-data field."""

    def filter(self, record: logging.LogRecord) -> bool:
        ids = trace_ids()
        record.trace_id, record.span_id = ids if ids else ("", "")
        for key in (PERSONAL_KEYS - _RECORD_ATTRIBUTES) & record.__dict__.keys():
            setattr(record, key, REDACTED)
        if isinstance(record.args, dict):
            record.args = {k: REDACTED if k in PERSONAL_KEYS else v for k, v in record.args.items()}
        return True


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
