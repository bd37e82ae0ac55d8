"""A polled batch is sorted in one pass: each event reaches exactly the facts every mapper makes of it."""

from contracts.event import EventModel
from contracts.events.city import AttendanceRecordedV1
from reporting.entrypoints.event_commands import CONSUMED, MAPPERS, to_batch


def _identified(events: list[EventModel]) -> list[tuple[str, EventModel]]:
    return [(f"event-{n}", e) for n, e in enumerate(events)]


def _every_mapper_on_every_event(identified: list[tuple[str, EventModel]]) -> dict[str, list[object]]:
    expected: dict[str, list[object]] = {}
    for field, mapper, _ in MAPPERS:
        expected[field] = [f for i, e in identified if (f := mapper(e, i)) is not None]
    return expected


def test_each_consumed_event_makes_the_facts_every_mapper_would_make_of_it():
    absent = AttendanceRecordedV1.example().model_copy(update={"attended": False})
    identified = _identified([model.example() for model in CONSUMED] + [absent])
    batch = to_batch(identified)
    expected = _every_mapper_on_every_event(identified)
    assert {field: list(getattr(batch, field)) for field in expected} == expected
    assert sum(map(len, expected.values())) >= len(CONSUMED)  # every consumed model makes some fact
    assert all(f.event_id and f.event_id.startswith("event-") for f in batch.enrolments)
    assert all(len(r.event_ids) == 1 and r.event_ids[0].startswith("event-") for r in batch.records)


def test_facts_keep_the_batch_order():
    events = _identified([model.example() for model in CONSUMED])
    batch = to_batch(events + events[::-1])
    assert list(batch.records) == list(to_batch(events).records) + list(to_batch(events[::-1]).records)
