"""Opaque keyset cursors: a page's last key as URL-safe base64 JSON; any other cursor is a 422."""

import base64
import binascii
import json
import math
from datetime import datetime
from typing import Any
from uuid import UUID

from servicekit.http.problems import Problem

KeyValue = datetime | UUID | int | float | str
"""What a keyset key may hold: timezone-aware times, ids, numbers (whole or finite floats), text."""

# Not signed: a cursor only says where a page starts, every query still applies the caller's filters and
# reach, so a hand-made cursor shows nothing the caller could not page to; signing would add a secret
# that every instance must share.


def encode(*key: KeyValue) -> str:
    """The cursor of the page that starts after `key` (the last row's sort key, in sort order)."""
    values = [v.isoformat() if isinstance(v, datetime) else str(v) if isinstance(v, UUID) else v for v in key]
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str | None, *types: type[KeyValue]) -> tuple[Any, ...] | None:
    """The key a cursor stands for, each value of the type expected at its place; None for no cursor.

    Anything this module did not make (bad base64 or JSON, wrong length or types, a naive time) raises a
    422 problem naming the `cursor` query parameter.
    """
    if cursor is None:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != len(types):
            raise ValueError("not a key of this shape")
        return tuple(_typed(value, kind) for value, kind in zip(values, types, strict=True))
    except (ValueError, TypeError, binascii.Error):  # JSONDecodeError and UnicodeDecodeError included
        raise invalid() from None


def _typed(value: object, kind: type[KeyValue]) -> KeyValue:
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        return float(value)  # JSON keeps a float's shortest exact form, so the key comes back unchanged
    if not isinstance(value, str) or kind in (int, float):
        raise TypeError("a key value of the wrong type")
    if kind is datetime:
        at = datetime.fromisoformat(value)
        if at.tzinfo is None:
            raise ValueError("a time without its zone")
        return at
    return UUID(value) if kind is UUID else value


def invalid() -> Problem:
    """The 422 problem for a cursor this API did not give."""
    errors = [{"loc": ["query", "cursor"], "type": "cursor-invalid"}]
    return Problem(422, "Request is not valid", "The cursor is not valid.", "validation", errors=errors)
