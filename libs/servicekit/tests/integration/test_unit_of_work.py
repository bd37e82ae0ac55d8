"""The unit of work's rules against real PostgreSQL: nesting joins, events of tracked aggregates go out."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from uuid import UUID, uuid4

import pytest
from contracts.event import EventModel
from servicekit.db import UnitOfWork

pytestmark = pytest.mark.integration


@dataclass(frozen=True)
class ThingMade:
    thing_id: UUID


@dataclass
class Thing:
    id: UUID
    events: list[ThingMade] = field(default_factory=list)


class ThingsUnitOfWork(UnitOfWork):
    """A service's unit of work in miniature: one domain event type mapped to a contract event."""

    announce: Callable[..., EventModel]

    def contract_events(self, domain_event: object) -> Sequence[EventModel]:
        assert isinstance(domain_event, ThingMade)
        return [self.announce("THING", domain_event.thing_id)]


@pytest.fixture
async def runtime(make_runtime):
    return await make_runtime(relay_enabled=False)  # no relay holding connections: leaks show


@pytest.fixture
def uow_of(item) -> Callable[..., ThingsUnitOfWork]:
    def make(runtime) -> ThingsUnitOfWork:
        uow = ThingsUnitOfWork(runtime.pool, runtime.outbox, runtime.telemetry.tracer)
        uow.announce = item
        return uow

    return make


async def seen_codes(runtime) -> list[str]:
    return [r["code"] for r in await runtime.pool.fetch("SELECT code FROM seen ORDER BY n")]


async def insert(uow: UnitOfWork, code: str) -> None:
    await uow.connection.execute(
        "INSERT INTO seen (event_id, item_id, code) VALUES ('x', $1, $2)", uuid4(), code
    )


async def test_entering_an_open_unit_of_work_joins_its_transaction(runtime, uow_of):
    uow = uow_of(runtime)
    async with uow:
        outer = uow.connection
        async with uow:  # a use case called from inside a handler
            assert uow.connection is outer
            await insert(uow, "INNER")
        assert await seen_codes(runtime) == []  # joined: nothing committed by the inner block

    assert await seen_codes(runtime) == ["INNER"]


async def test_the_outer_failure_undoes_what_a_joined_use_case_did(runtime, uow_of):
    uow = uow_of(runtime)
    with pytest.raises(RuntimeError):
        async with uow:
            async with uow:
                await insert(uow, "INNER")
            raise RuntimeError("the handler fails after the use case")

    assert await seen_codes(runtime) == []
    assert runtime.pool.get_idle_size() == runtime.pool.get_size()  # no connection left checked out


async def test_an_inner_failure_undoes_only_its_own_writes_and_events(runtime, uow_of):
    uow = uow_of(runtime)
    announced = ThingMade(uuid4())
    kept, dropped = Thing(uuid4(), [announced]), Thing(uuid4(), [ThingMade(uuid4())])
    async with uow:
        await insert(uow, "OUTER")
        uow.track(kept)
        with pytest.raises(ValueError):
            async with uow:
                await insert(uow, "INNER")
                uow.track(dropped)
                raise ValueError("refused")

    assert await seen_codes(runtime) == ["OUTER"]
    keys = [r["message_key"] for r in await runtime.pool.fetch("SELECT message_key FROM outbox")]
    assert keys == [str(announced.thing_id)]
    assert dropped.events == []  # undone with its savepoint: never announced later either


async def test_new_events_of_tracked_aggregates_go_to_the_outbox_once_on_commit(runtime, uow_of):
    uow = uow_of(runtime)
    made = [ThingMade(uuid4()), ThingMade(uuid4())]
    thing = Thing(uuid4(), list(made))
    async with uow:
        uow.track(thing)
        uow.track(thing)  # tracked twice, announced once

    rows = await runtime.pool.fetch("SELECT message_key FROM outbox ORDER BY seq")
    assert [r["message_key"] for r in rows] == [str(m.thing_id) for m in made]
    assert thing.events == []


async def test_nothing_is_announced_when_the_transaction_rolls_back(runtime, uow_of):
    uow = uow_of(runtime)
    with pytest.raises(RuntimeError):
        async with uow:
            uow.track(Thing(uuid4(), [ThingMade(uuid4())]))
            raise RuntimeError

    assert await runtime.pool.fetchval("SELECT count(*) FROM outbox") == 0
