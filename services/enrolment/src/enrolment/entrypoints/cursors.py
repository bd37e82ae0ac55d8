"""Opaque page cursors: where the previous page ended, base64url-encoded, checked when read back."""

import base64
import binascii
from datetime import datetime
from uuid import UUID

from servicekit.http.problems import Problem

from enrolment.app.ports import Position


def encode(*parts: object) -> str:
    """A cursor for these values (each turned to text)."""
    text = "|".join(p.isoformat() if isinstance(p, datetime) else str(p) for p in parts)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _parts(cursor: str) -> list[str]:
    try:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split("|")
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise _invalid() from exc


def position(cursor: str | None) -> Position | None:
    """The (requested at, id) a cursor of enrolments names."""
    if cursor is None:
        return None
    try:
        at, id_ = _parts(cursor)
        return datetime.fromisoformat(at), UUID(id_)
    except ValueError as exc:
        raise _invalid() from exc


def after_id(cursor: str | None) -> UUID | None:
    """The id a cursor of offerings names."""
    if cursor is None:
        return None
    try:
        [id_] = _parts(cursor)
        return UUID(id_)
    except ValueError as exc:
        raise _invalid() from exc


def _invalid() -> Problem:
    errors = [{"loc": ["query", "cursor"], "type": "invalid-cursor"}]
    return Problem(
        422, "Request is not valid", "The cursor is not one this API gave.", "validation", errors=errors
    )
