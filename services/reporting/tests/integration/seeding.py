"""Seed a running reporting service through Kafka until projected; compare two of its snapshots."""

from collections.abc import Sequence
from typing import TypeVar

from contracts.event import EventModel
from localinfra.polling import eventually
from localinfra.topics import as_message, produce_together

K = TypeVar("K")


async def seed(service, kafka_server, topics: dict[str, Sequence[EventModel]], count: str, ids: list) -> None:
    """Produce each topic's events (topic names without the service's prefix), in the given order, then
    wait until `count` (a SELECT count(*) over the rows whose id is in `$1`) reaches len(ids)."""
    for topic, events in topics.items():
        name = service.runtime.topic_name(topic)
        await produce_together(kafka_server.bootstrap_servers, name, [as_message(e) for e in events])

    async def projected() -> bool:
        return bool(await service.db.fetchval(count, ids) == len(ids))

    await eventually(projected)


def differences(before: dict[K, int | None], after: dict[K, int | None]) -> dict[K, int]:
    """How far each cell published (not withheld) in both snapshots moved between them: what a subtraction
    attack reads."""
    return {
        key: now - then
        for key, then in before.items()
        if then is not None and (now := after.get(key)) is not None
    }
