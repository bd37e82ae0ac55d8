"""Use cases of the xAPI Statement API: store statements (id idempotence), read one back."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from servicekit.ports import Dependencies

from reporting.app.ports import UnitOfWork
from reporting.domain.xapi import (
    MAX_BATCH,
    NewStatement,
    ReportedActivity,
    Statement,
    StatementConflict,
    StatementRefused,
    check,
    content_hash,
    reported_activity,
    said,
)


@dataclass(frozen=True)
class StoreStatements:
    """Command: a city system (`client`) sends statements; all are stored or none."""

    client: str
    statements: Sequence[Any]


Identified = dict[UUID, tuple[Statement, str, str]]
"""Each statement of a batch under its id, with its canonical text and content hash (computed once each:
encoding and hashing are real costs; the text is stored too)."""


def _identified(cmd: StoreStatements, deps: Dependencies) -> tuple[list[UUID], Identified]:
    """Each statement checked (all before anything is stored) under its id, given one when it has none;
    the ids in the order sent."""
    if not 0 < len(cmd.statements) <= MAX_BATCH:
        raise StatementRefused(f"send 1 to {MAX_BATCH} statements at a time")
    order: list[UUID] = []
    bodies: Identified = {}
    for statement in map(check, cmd.statements):
        sid = UUID(str(statement["id"])) if "id" in statement else deps.ids.new_id()
        body = {**statement, "id": str(sid)}
        canonical = said(body)
        digest = content_hash(body, canonical)
        if sid in bodies and bodies[sid][2] != digest:
            raise StatementConflict("the batch uses one statement id for two statements")
        order.append(sid)
        bodies[sid] = (body, canonical, digest)
    return order, bodies


def _conflicts(bodies: Identified, stored: dict[UUID, str]) -> None:
    if any(bodies[sid][2] != digest for sid, digest in stored.items()):
        raise StatementConflict("the statement id is already used by another statement")


def _waiting(activity: ReportedActivity | None, known: set[UUID]) -> UUID | None:
    return activity.learner_id if activity is not None and activity.learner_id not in known else None


async def store_statements(cmd: StoreStatements, uow: UnitOfWork, deps: Dependencies) -> list[UUID]:
    """Store new statements; the same id with the same content is accepted again, with other content 409.

    A statement about a platform learner is announced as learning activity when reporting knows the
    learner; otherwise it waits, and is announced when the learner registers (`match_learners`)."""
    order, bodies = _identified(cmd, deps)
    async with uow:
        now: datetime = deps.clock.now()  # inside the transaction: Consistent-Through relies on it
        activities = {sid: reported_activity(body, now) for sid, (body, _, _) in bodies.items()}
        known = await uow.statements.known_learners(a.learner_id for a in activities.values() if a)
        new = [
            NewStatement(sid, h, b, _waiting(activities[sid], known), said=c)
            for sid, (b, c, h) in bodies.items()
        ]
        # inserted unless stored before (or meanwhile, by a concurrent request): those must be the same
        inserted = await uow.statements.add(cmd.client, new, now)
        if len(inserted) < len(new):
            _conflicts(bodies, await uow.statements.hashes_of([s.id for s in new if s.id not in inserted]))
        uow.statements.announce(
            [a for s in new if s.id in inserted and s.waiting_for is None and (a := activities[s.id])]
        )
    return order


async def read_statement(
    statement_id: UUID, client: str | None, uow: UnitOfWork
) -> tuple[dict[str, Any] | None, datetime]:
    """The stored statement (only the sender's own unless `client` is None) or None, and the time up to
    which every stored statement is visible."""
    async with uow:
        through = await uow.statement_queries.consistent_through()
        return await uow.statements.get(statement_id, client), through
