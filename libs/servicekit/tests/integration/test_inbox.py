"""The inbox: dedupe on CloudEvents identity (source, id), pruning, and the migration of old rows."""

import asyncio
import shutil
from pathlib import Path

import asyncpg
import pytest
from contracts.envelope import Envelope, encode_event
from localinfra.polling import eventually
from localinfra.topics import Message, as_message, produce
from servicekit.inbox import UNKNOWN_SOURCE, prune_inbox
from servicekit.migrations import KIT_MIGRATIONS
from yoyo import get_backend, read_migrations

pytestmark = pytest.mark.integration

CITY_A, CITY_B = "/vn/hanoi/city/district-a", "/vn/hanoi/city/district-b"  # the kit events' city writers


def with_identity(event, source: str, event_id: str) -> Message:
    """A record whose CloudEvents id and source are chosen (systems that number their events)."""
    return encode_event(event), Envelope.for_event(event, source=source, id=event_id).to_headers()


async def codes(runtime) -> list[str]:
    return [r["code"] for r in await runtime.pool.fetch("SELECT code FROM seen ORDER BY n")]


async def test_same_id_from_two_sources_is_handled_for_each(
    make_runtime, kafka_server, item, faults, consumer_for
):
    runtime = await make_runtime([consumer_for(faults)])
    topic = runtime.topic_name("kittest.items")
    messages = [with_identity(item("CITY-A"), CITY_A, "42"), with_identity(item("CITY-B"), CITY_B, "42")]
    await produce(kafka_server.bootstrap_servers, topic, [*messages, as_message(item("AFTER-1"))])
    await eventually(lambda: _has(runtime, "AFTER-1"))
    assert await codes(runtime) == ["CITY-A", "CITY-B", "AFTER-1"]


async def test_same_source_and_id_twice_is_handled_once(
    make_runtime, kafka_server, item, faults, consumer_for
):
    runtime = await make_runtime([consumer_for(faults)])
    topic = runtime.topic_name("kittest.items")
    first, again = with_identity(item("ONCE-1"), CITY_A, "7"), with_identity(item("ONCE-2"), CITY_A, "7")
    await produce(kafka_server.bootstrap_servers, topic, [first, again, as_message(item("AFTER-1"))])
    await eventually(lambda: _has(runtime, "AFTER-1"))
    assert await codes(runtime) == ["ONCE-1", "AFTER-1"]


async def test_inbox_rows_past_the_retention_are_pruned_and_recent_ones_kept(make_runtime):
    runtime = await make_runtime([], start=False)
    await runtime.start()
    await runtime.pool.execute(
        "INSERT INTO inbox (consumer, source, event_id, event_type, received_at) VALUES"
        " ('kit', $1, 'old', 't', now() - interval '50 days'), ('kit', $1, 'new', 't', now())",
        CITY_A,
    )
    assert await prune_inbox(runtime.pool, keep_seconds=45 * 86400) == 1
    assert [r["event_id"] for r in await runtime.pool.fetch("SELECT event_id FROM inbox")] == ["new"]


async def test_running_service_prunes_its_inbox(make_runtime, item, faults, consumer_for):
    runtime = await make_runtime([consumer_for(faults)], inbox_prune_every_seconds=0.2)
    await runtime.pool.execute(
        "INSERT INTO inbox (consumer, source, event_id, event_type, received_at) VALUES"
        " ('kit', $1, 'old', 't', now() - interval '400 days'), ('kit', $1, 'new', 't', now())",
        CITY_A,
    )
    await eventually(lambda: _inbox_ids(runtime, ["new"]))


async def test_migration_keeps_old_rows_deduping(
    make_runtime, kafka_server, item, faults, consumer_for, tmp_path
):
    runtime = await make_runtime([consumer_for(faults)], start=False, migrate=False)
    old_kit = tmp_path / "kit"
    old_kit.mkdir()
    shutil.copy(KIT_MIGRATIONS / "0001_kit_outbox_inbox.sql", old_kit)
    owner = runtime.settings.migration_database_url
    await asyncio.to_thread(_apply_only, owner.get_secret_value(), old_kit)
    handled = with_identity(item("BEFORE-UPGRADE"), CITY_A, "legacy-1")
    conn = await _connect(runtime)
    await conn.execute(
        "INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, 'legacy-1', 't')",
        runtime.settings.topic_prefix + "kit",
    )
    await conn.close()

    await asyncio.to_thread(runtime.migrate)
    await runtime.start()
    topic = runtime.topic_name("kittest.items")
    # the old event redelivered is still a duplicate (its row's source is unknown: it matches any source);
    # new events are keyed on (source, id)
    new_a, new_b = with_identity(item("NEW-A"), CITY_A, "9"), with_identity(item("NEW-B"), CITY_B, "9")
    await produce(kafka_server.bootstrap_servers, topic, [handled, new_a, new_b])
    await eventually(lambda: _has(runtime, "NEW-B"))
    assert await codes(runtime) == ["NEW-A", "NEW-B"]
    sources = await runtime.pool.fetch("SELECT source FROM inbox WHERE event_id = 'legacy-1'")
    assert [r["source"] for r in sources] == [UNKNOWN_SOURCE]


def _apply_only(dsn: str, directory: Path) -> None:
    backend = get_backend("postgresql+psycopg://" + dsn.split("://", 1)[1])
    with backend.lock():
        backend.apply_migrations(backend.to_apply(read_migrations(str(directory))))


async def _connect(runtime) -> asyncpg.Connection:
    return await asyncpg.connect(runtime.settings.database_url.get_secret_value())


async def _inbox_ids(runtime, expected: list[str]) -> bool:
    return [r["event_id"] for r in await runtime.pool.fetch("SELECT event_id FROM inbox")] == expected


async def _has(runtime, code: str) -> bool:
    return code in await codes(runtime)
