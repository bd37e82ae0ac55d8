"""`python -m reporting rebuild`: replay the consumed topics from offset 0 into fresh tables, then swap.

Every projection is idempotent and order-free, so the rebuild can run beside the live consumer: it fills
fresh tables up to the end offsets seen at its start, swaps them in within one transaction, then applies
the events that arrived meanwhile once more (the live consumer may have applied them to the old tables).
"""

import asyncio
import json
import sys

import asyncpg
from contracts.envelope import source_for
from contracts.rights import narrowest_clearance
from opentelemetry import trace
from servicekit.kafka_security import kafka_endpoint
from servicekit.outbox import OutboxWriter

from reporting.adapters.shadow_tables import PROJECTIONS, create_shadow, swap_in
from reporting.adapters.topic_replay import Offsets, TopicReplay
from reporting.adapters.uow import SqlUnitOfWork
from reporting.app.project_learners import project_batch
from reporting.bootstrap import ReportingSettings
from reporting.entrypoints.event_commands import CONSUMED, to_batch

SHADOW = "reporting_rebuild"


async def rebuild(settings: ReportingSettings) -> int:
    """Rebuild every projection from the topics and swap it in; returns how many events were applied."""
    owner = (settings.migration_database_url or settings.database_url).get_secret_value()
    topics = sorted({settings.topic_prefix + m.topic for m in CONSUMED})
    async with TopicReplay(kafka_endpoint(settings), narrowest_clearance(*CONSUMED)) as replay:
        conn = await asyncpg.connect(owner)
        try:
            await create_shadow(conn, SHADOW)
            ends = await replay.end_offsets(topics)
            applied = await _apply(replay, {}, ends, owner, SHADOW)
            await swap_in(conn, SHADOW)
        finally:
            await conn.close()
        tail = await replay.end_offsets(topics)
        return applied + await _apply(replay, ends, tail, owner, "public")


async def _apply(replay: TopicReplay, start: Offsets, end: Offsets, dsn: str, schema: str) -> int:
    """Project the events in [start, end) into the tables of `schema`, a fetched page per transaction."""
    applied = 0
    settings = {"search_path": f'"{schema}", public'}
    async with asyncpg.create_pool(dsn, min_size=1, max_size=1, server_settings=settings) as pool:
        outbox, tracer = OutboxWriter(source_for("reporting")), trace.get_tracer("reporting.rebuild")
        async for events in replay.pages(start, end):
            await project_batch(to_batch(events), SqlUnitOfWork(pool, outbox, tracer))
            applied += len(events)
    return applied


def main() -> int:
    """The command: rebuild with the service's settings and print how many events were applied."""
    applied = asyncio.run(rebuild(ReportingSettings()))
    print(json.dumps({"service": "reporting", "rebuilt": list(PROJECTIONS), "events": applied}))
    sys.stdout.flush()
    return 0
