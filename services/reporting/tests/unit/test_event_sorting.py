"""A polled batch is sorted in one pass: each event reaches exactly the facts every mapper makes of it."""

from contracts.event import EventModel
from contracts.events.city import AttendanceRecordedV1
from reporting.entrypoints.event_commands import CONSUMED, MAPPERS, to_batch


def _every_mapper_on_every_event(events: list[EventModel]) -> dict[str, list[object]]:
    return {field: [f for e in events if (f := mapper(e)) is not None] for field, mapper, _ in MAPPERS}


def test_each_consumed_event_makes_the_facts_every_mapper_would_make_of_it():
    absent = AttendanceRecordedV1.example().model_copy(update={"attended": False})
    events = [model.example() for model in CONSUMED] + [absent]
    batch = to_batch(events)
    expected = _every_mapper_on_every_event(events)
    assert {field: list(getattr(batch, field)) for field in expected} == expected
    assert sum(map(len, expected.values())) >= len(CONSUMED)  # every consumed model makes some fact


def test_facts_keep_the_batch_order():
    events = [model.example() for model in CONSUMED]
    batch = to_batch(events + events[::-1])
    assert list(batch.records) == list(to_batch(events).records) + list(to_batch(events[::-1]).records)
