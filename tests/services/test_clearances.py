"""Each consumer is cleared for exactly what the events it handles declare: never wider (privacy)."""

import inspect

import pytest
from contracts.classification import Clearance
from contracts.rights import narrowest_clearance
from enrolment.entrypoints import events as enrolment_events
from enrolment.entrypoints.events import consumers as enrolment_consumers
from notifications.entrypoints import events as notifications_events
from notifications.entrypoints.events import consumers as notifications_consumers
from reporting.entrypoints import events as reporting_events
from reporting.entrypoints.events import consumers as reporting_consumers
from servicekit.consumer import EventConsumer
from servicekit.ports import Dependencies

CONSUMERS = [
    *enrolment_consumers(Dependencies()),
    *notifications_consumers(Dependencies()),
    *reporting_consumers(Dependencies()),
]


def narrowest(consumer: EventConsumer) -> Clearance:
    return narrowest_clearance(*consumer.handlers, *consumer.batch_models)


@pytest.mark.parametrize("consumer", CONSUMERS, ids=lambda c: c.group)
def test_a_consumer_is_cleared_for_no_more_than_its_events_need(consumer):
    assert consumer.clearance == narrowest(consumer)


@pytest.mark.parametrize("module", [enrolment_events, notifications_events, reporting_events])
def test_every_consumer_declares_its_ordering_and_says_why(module):
    lines = inspect.getsource(module).splitlines()
    declared = [i for i, line in enumerate(lines) if "ordering=" in line]

    assert declared, f"{module.__name__} must say whether a redriven dead letter may come after newer events"
    for i in declared:
        comment = next(line for line in reversed(lines[:i]) if line.strip().startswith("#"))
        assert "independent" in comment or "per-key-strict" in comment


@pytest.mark.parametrize("consumer", CONSUMERS, ids=lambda c: c.group)
def test_no_consumer_reads_a_retired_event_version(consumer):
    handled = [*consumer.handlers, *consumer.batch_models]
    assert not [model.__name__ for model in handled if model.superseded_by is not None]
