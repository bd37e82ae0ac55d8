"""xAPI 1.0.3 statements: the checks a Learning Record Store makes, and what makes two statements equal."""

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
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


# scheme://authority, the authority plain ASCII up to its end: what `urlsplit` accepts with a netloc, in
# one regex match instead of a split (three IRIs a statement; urlsplit was most of the checks' time)
_PLAIN_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9._~%!$&'()*+,;=:@-]+(?:[/?#]|\Z)")


def iri(value: Any, where: str) -> None:
    """Refuse `value` unless it is an absolute IRI."""
    if isinstance(value, str) and _PLAIN_ABSOLUTE.match(value):
        return
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or not parts.scheme or not (parts.netloc or parts.scheme == "urn"):
        raise StatementRefused(f"{where} must be an absolute IRI")


def _actor(actor: Any) -> None:
    if not isinstance(actor, dict):
        raise StatementRefused("actor is required")
    account, mbox = actor.get("account"), actor.get("mbox")
    if isinstance(account, dict) and account.get("name"):
        iri(account.get("homePage"), "actor.account.homePage")
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
    iri((statement.get("verb") or {}).get("id"), "verb.id")
    iri((statement.get("object") or {}).get("id"), "object.id")
    if "timestamp" in statement:
        try:
            datetime.fromisoformat(str(statement["timestamp"]).replace("Z", "+00:00"))
        except ValueError:
            raise StatementRefused("timestamp must be ISO 8601") from None
    scaled = ((statement.get("result") or {}).get("score") or {}).get("scaled")
    if scaled is not None and not (isinstance(scaled, int | float) and -1 <= scaled <= 1):
        raise StatementRefused("result.score.scaled must be between -1 and 1")
    return statement


def said(statement: Statement) -> str:
    """What the sender said as canonical JSON text (sorted keys, no spaces, ASCII): the hash's input.

    These bytes must never change: the hashes of statements stored long ago are compared with them."""
    kept = {k: v for k, v in statement.items() if k not in _IGNORED}
    return json.dumps(kept, sort_keys=True, separators=(",", ":"))


def content_hash(statement: Statement, canonical: str | None = None) -> str:
    """What the sender said, canonically: equal for the same statement sent again (`canonical`: its
    `said` text, when the caller has it already)."""
    return hashlib.sha256((said(statement) if canonical is None else canonical).encode()).hexdigest()


def stored_text(statement: Statement, canonical: str, stored: str) -> str:
    """The JSON text to store: the statement with `stored` set. Built from its `said` text (the JSON
    encoding is the largest per-statement cost of storing) unless it carries what `said` leaves out."""
    if canonical == "{}" or any(k in statement for k in _IGNORED):
        return json.dumps({**statement, "stored": stored})
    return f'{canonical[:-1]},"stored":{json.dumps(stored)}}}'


PLATFORM_HOME_PAGE = "https://learningcity.hanoi.gov.vn"
"""``actor.account.homePage`` of the platform's learner accounts (``name`` is the learner id)."""
PROGRESS_EXTENSION = "https://w3id.org/xapi/cmi5/result/extensions/progress"
"""cmi5's progress extension (0-100) in ``result.extensions``."""


@dataclass(frozen=True)
class NewStatement:
    """A statement to store: its id, content hash, body, and the learner it waits for (None: none)."""

    id: UUID
    digest: str
    body: Statement
    waiting_for: UUID | None = None
    said: str = ""  # the body's canonical text (`said`), when known: stored without encoding it again


@dataclass(frozen=True)
class ReportedActivity:
    """What a statement tells about a known learner on one of the platform's offerings."""

    learner_id: UUID
    offering_id: UUID
    activity_id: str
    progress: int | None
    occurred_at: datetime


def _uuid_after(value: Any, prefix: str) -> UUID | None:
    if not isinstance(value, str) or not value.startswith(prefix):
        return None
    try:
        return UUID(value.removeprefix(prefix))
    except ValueError:
        return None


def reported_activity(
    statement: Statement, stored: datetime, home_page: str = PLATFORM_HOME_PAGE
) -> ReportedActivity | None:
    """The activity of a statement whose actor is a platform account (homePage = the platform, name =
    the learner id) on an offering (object id or a parent context activity ``<home>/offerings/<id>``).
    Anyone else (an mbox, another home page) is kept as a statement only."""
    account = statement["actor"].get("account") or {}
    learner = _uuid_after(account.get("name"), "") if account.get("homePage") == home_page else None
    parents = ((statement.get("context") or {}).get("contextActivities") or {}).get("parent") or []
    candidates = [statement["object"].get("id"), *(p.get("id") for p in parents if isinstance(p, dict))]
    offering = next((o for c in candidates if (o := _uuid_after(c, f"{home_page}/offerings/"))), None)
    if learner is None or offering is None:
        return None
    progress = ((statement.get("result") or {}).get("extensions") or {}).get(PROGRESS_EXTENSION)
    at = statement.get("timestamp")
    occurred = datetime.fromisoformat(str(at).replace("Z", "+00:00")) if at else stored
    return ReportedActivity(
        learner,
        offering,
        str(statement["object"]["id"])[:512],
        progress if isinstance(progress, int) and 0 <= progress <= 100 else None,
        occurred if occurred.tzinfo else occurred.replace(tzinfo=UTC),  # xAPI: no offset means UTC
    )
