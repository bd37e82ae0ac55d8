"""Opaque keyset cursors of the inbox: (created_at, id) as URL-safe base64 JSON; a bad one is a 422."""

import base64
import binascii
import json
from datetime import datetime
from uuid import UUID

from servicekit.http.problems import Problem

PageKey = tuple[datetime, UUID]


def encode_cursor(key: PageKey | None) -> str | None:
    """The cursor of the page after `key` (None: no next page)."""
    if key is None:
        return None
    raw = json.dumps([key[0].isoformat(), str(key[1])]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> PageKey | None:
    """The page key a cursor stands for; a 422 naming the `cursor` parameter if it is not one of ours."""
    if cursor is None:
        return None
    try:
        at, message_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        key = (datetime.fromisoformat(at), UUID(message_id))
    except (ValueError, TypeError, binascii.Error):  # JSONDecodeError and UnicodeDecodeError included
        raise _invalid() from None
    if key[0].tzinfo is None:
        raise _invalid()
    return key


def _invalid() -> Problem:
    errors = [{"loc": ["query", "cursor"], "type": "cursor-invalid"}]
    return Problem(422, "Request is not valid", "The cursor is not valid.", "validation", errors=errors)
