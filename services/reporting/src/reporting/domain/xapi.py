"""xAPI 1.0.3 statements: the checks a Learning Record Store makes, and what makes two statements equal."""

import hashlib
import json
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

Statement = dict[str, Any]
MAX_BATCH = 100
_IGNORED = ("stored", "authority", "version")  # set by the LRS, not part of what the sender said


class StatementRefused(ValueError):
    """A statement that breaks the xAPI specification."""

    status, title, kind = 400, "Invalid xAPI statement", "xapi-invalid-statement"


class StatementConflict(StatementRefused):
    """A statement id already stored with different content."""

    status, title, kind = 409, "Statement id already used", "xapi-statement-conflict"


def _iri(value: Any, where: str) -> None:
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or not parts.scheme or not (parts.netloc or parts.scheme == "urn"):
        raise StatementRefused(f"{where} must be an absolute IRI")


def _actor(actor: Any) -> None:
    if not isinstance(actor, dict):
        raise StatementRefused("actor is required")
    account, mbox = actor.get("account"), actor.get("mbox")
    if isinstance(account, dict) and account.get("name"):
        _iri(account.get("homePage"), "actor.account.homePage")
    elif not (isinstance(mbox, str) and mbox.startswith("mailto:")):
        raise StatementRefused("actor needs an account (homePage, name) or a mailto: mbox")


def check(statement: Any) -> Statement:
    """The statement if it is valid; StatementRefused naming the first broken rule otherwise."""
    if not isinstance(statement, dict):
        raise StatementRefused("a statement is a JSON object")
    if "id" in statement:
        try:
            UUID(str(statement["id"]))
        except ValueError:
            raise StatementRefused("id must be a UUID") from None
    _actor(statement.get("actor"))
    _iri((statement.get("verb") or {}).get("id"), "verb.id")
    _iri((statement.get("object") or {}).get("id"), "object.id")
    if "timestamp" in statement:
        try:
            datetime.fromisoformat(str(statement["timestamp"]).replace("Z", "+00:00"))
        except ValueError:
            raise StatementRefused("timestamp must be ISO 8601") from None
    scaled = ((statement.get("result") or {}).get("score") or {}).get("scaled")
    if scaled is not None and not (isinstance(scaled, int | float) and -1 <= scaled <= 1):
        raise StatementRefused("result.score.scaled must be between -1 and 1")
    return statement


def content_hash(statement: Statement) -> str:
    """What the sender said, canonically: equal for the same statement sent again."""
    said = {k: v for k, v in statement.items() if k not in _IGNORED}
    return hashlib.sha256(json.dumps(said, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
