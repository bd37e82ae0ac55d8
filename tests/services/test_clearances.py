"""Each consumer is cleared for exactly what the events it handles declare: never wider (privacy)."""

import pytest
from contracts.classification import Clearance
from enrolment.entrypoints.events import consumers as enrolment_consumers
from notifications.entrypoints.events import consumers as notifications_consumers
from reporting.entrypoints.events import consumers as reporting_consumers
from servicekit.consumer import EventConsumer
from servicekit.ports import Dependencies

CONSUMERS = [
    *enrolment_consumers(Dependencies()),
    *notifications_consumers(Dependencies()),
    *reporting_consumers(Dependencies()),
]


def narrowest(consumer: EventConsumer) -> Clearance:
    models = [*consumer.handlers, *consumer.batch_models]
    highest = max((m.classification for m in models), key=lambda c: c.rank)
    return Clearance(highest, frozenset(m.category for m in models))


@pytest.mark.parametrize("consumer", CONSUMERS, ids=lambda c: c.group)
def test_a_consumer_is_cleared_for_no_more_than_its_events_need(consumer):
    assert consumer.clearance == narrowest(consumer)
