"""Use cases of the xAPI Statement API: store statements (id idempotence), read one back."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from servicekit.ports import Dependencies

from reporting.app.ports import UnitOfWork
from reporting.domain.xapi import MAX_BATCH, StatementConflict, StatementRefused, check, content_hash


@dataclass(frozen=True)
class StoreStatements:
    """Command: a city system (`client`) sends statements; all are stored or none."""

    client: str
    statements: Sequence[Any]


async def store_statements(cmd: StoreStatements, uow: UnitOfWork, deps: Dependencies) -> list[UUID]:
    """Store new statements; the same id with the same content is accepted again, with other content 409."""
    if not 0 < len(cmd.statements) <= MAX_BATCH:
        raise StatementRefused(f"send 1 to {MAX_BATCH} statements at a time")
    checked = [check(s) for s in cmd.statements]  # all checked before anything is stored
    ids: list[UUID] = []
    async with uow:
        for statement in checked:
            sid = UUID(str(statement["id"])) if "id" in statement else deps.ids.new_id()
            body = {**statement, "id": str(sid)}
            known = await uow.statements.hash_of(sid)
            if known is None:
                await uow.statements.add(sid, cmd.client, content_hash(body), body, deps.clock.now())
            elif known != content_hash(body):
                raise StatementConflict("the statement id is already used by another statement")
            ids.append(sid)
    return ids


async def read_statement(statement_id: UUID, client: str | None, uow: UnitOfWork) -> dict[str, Any] | None:
    """The stored statement (only the sender's own unless `client` is None), or None."""
    async with uow:
        return await uow.statements.get(statement_id, client)
