"""The asyncpg pool of a service's own database, and chunked deletes on it."""

import asyncpg


async def create_pool(dsn: str, max_size: int = 10) -> asyncpg.Pool:
    """A pool for this service's own database."""
    return await asyncpg.create_pool(
        dsn, min_size=1, max_size=max_size, command_timeout=30, reset=_nothing_to_reset
    )


async def _nothing_to_reset(conn: asyncpg.Connection) -> None:
    """Replaces asyncpg's reset statement (advisory unlock, CLOSE ALL, UNLISTEN, RESET ALL): one more round
    trip on every release, i.e. every request. The kit keeps no session state on pooled connections (no
    SET outside a transaction, no cursors or advisory locks; LISTEN only on the relay's own connection,
    which UNLISTENs before giving it back), and asyncpg still rolls back a transaction left open first."""


async def delete_in_chunks(pool: asyncpg.Pool, statement: str, *args: object, chunk: int) -> int:
    """Run a DELETE that takes `chunk` as its last parameter until it deletes fewer; return the total.

    Short statements keep locks and WAL bursts small on a busy table (outbox and inbox pruning)."""
    total = 0
    while True:
        status = await pool.execute(statement, *args, chunk)
        deleted = int(status.split()[-1])
        total += deleted
        if deleted < chunk:
            return total
