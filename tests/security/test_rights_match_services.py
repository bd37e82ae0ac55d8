"""The declared rights are exactly what the services consume: no real consumer refused, no idle right."""

from typing import Any

import enrolment.entrypoints.events as enrolment_events
import notifications.entrypoints.events as notifications_events
import pytest
import reporting.entrypoints.events as reporting_events
from contracts.rights import TOPIC_RIGHTS, principal

CONSUMING = {
    "enrolment": enrolment_events,
    "notifications": notifications_events,
    "reporting": reporting_events,
}


def _consumed(service: str) -> set[str]:
    module = CONSUMING.get(service)
    consumers: list[Any] = module.consumers(None) if module else []  # content consumes nothing
    assert all(consumer.group == principal(service).group for consumer in consumers)
    return {topic for consumer in consumers for topic in consumer.topics}


@pytest.mark.parametrize("service", ["content", "enrolment", "notifications", "reporting"])
def test_service_reads_exactly_the_topics_it_is_granted(service: str) -> None:
    granted = {rights.topic for rights in TOPIC_RIGHTS if service in rights.consumers}
    assert _consumed(service) == granted
