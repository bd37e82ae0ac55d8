"""xAPI 1.0.3 statement queries: the standard filters, checked, and where a page starts."""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from reporting.domain.xapi import StatementRefused, iri

MAX_PAGE = 100
"""The most statements one page holds (also what `limit=0`, "the server's maximum", gives)."""
_IDENTIFIERS = ("mbox", "mbox_sha1sum", "openid", "account")


class QueryRefused(StatementRefused):
    """A statement query with a filter the xAPI specification does not allow."""

    status, title, kind = 400, "Invalid xAPI statement query", "xapi-invalid-query"


def agent_filter(raw: str) -> dict[str, Any]:
    """The inverse functional identifier of an `agent` filter (JSON), as stored statements carry it."""
    try:
        agent = json.loads(raw)
    except ValueError:
        raise QueryRefused("agent must be a JSON Agent object") from None
    if not isinstance(agent, dict):
        raise QueryRefused("agent must be a JSON Agent object")
    present = [k for k in _IDENTIFIERS if k in agent]
    if len(present) != 1:
        raise QueryRefused("agent needs exactly one of mbox, mbox_sha1sum, openid, account")
    value = agent[present[0]]
    if present[0] == "account" and not (
        isinstance(value, dict) and isinstance(value.get("name"), str) and value.get("homePage")
    ):
        raise QueryRefused("agent.account needs homePage and name")
    if present[0] == "account":
        return {"account": {"homePage": value["homePage"], "name": value["name"]}}
    return {present[0]: value}


def instant(raw: str | None, name: str) -> datetime | None:
    """A `since`/`until` time (ISO 8601; no offset means UTC, as in xAPI)."""
    if raw is None:
        return None
    try:
        at = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise QueryRefused(f"{name} must be an ISO 8601 time") from None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


@dataclass(frozen=True)
class StatementQuery:
    """What a caller asks for; `client` limits it to one sender's statements (None: every sender's)."""

    client: str | None
    agent: dict[str, Any] | None = None
    verb: str | None = None
    activity: str | None = None
    registration: UUID | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = MAX_PAGE
    ascending: bool = False
    after: tuple[datetime, UUID] | None = None  # the last (stored, id) of the previous page

    def __post_init__(self) -> None:
        for name, value in (("verb", self.verb), ("activity", self.activity)):
            try:
                iri(value, name) if value is not None else None
            except StatementRefused as refused:
                raise QueryRefused(str(refused)) from None
        if self.limit < 0:
            raise QueryRefused("limit must be 0 or more")
        object.__setattr__(self, "limit", min(self.limit or MAX_PAGE, MAX_PAGE))
