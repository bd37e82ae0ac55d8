"""Who may do what on Kafka: the principals, what each writes and reads, and the sources trusted per event.

The broker's ACLs (see ``localinfra.kafka_acls``) and the decoder's source check are both derived from
these declarations, so a right is granted in one place and the documentation prints the same table.
"""

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from contracts.classification import Clearance
from contracts.event import EventModel
from contracts.topics import (
    ATTENDANCE,
    CAMPAIGNS,
    COURSES,
    DEAD_LETTER_SUFFIX,
    ENROLMENTS,
    LEARNER_CONTACTS,
    LEARNERS,
    LEARNING_ACTIVITY,
    MESSAGES,
    OFFERINGS,
)

SERVICE_SOURCE_PREFIX = "/vn/hanoi/learningcity/"
"""``ce_source`` of the platform's services: the prefix, then the service name (the kit's OutboxWriter)."""
CITY_SYSTEM_SOURCE_PREFIX = "/vn/hanoi/city/"
"""``ce_source`` of the city's own systems that feed the platform: the prefix, then the system name."""


class PrincipalKind(StrEnum):
    """A platform service (writes its topics, reads what it consumes) or a city system (writes inbound)."""

    SERVICE = "service"
    CITY_SYSTEM = "city-system"


@dataclass(frozen=True)
class Principal:
    """A Kafka user (``User:<name>``); a service's consumer group is named after it."""

    name: str
    kind: PrincipalKind
    description: str

    @property
    def source(self) -> str:
        """The ``ce_source`` of the events this principal emits."""
        prefix = SERVICE_SOURCE_PREFIX if self.kind is PrincipalKind.SERVICE else CITY_SYSTEM_SOURCE_PREFIX
        return f"{prefix}{self.name}"

    @property
    def group(self) -> str:
        """The consumer group this principal reads with (the kit's EventConsumer group)."""
        return self.name


@dataclass(frozen=True)
class TopicRights:
    """One topic's writers and readers; each reader may also write the topic's dead-letter topic.

    A domain topic has one writer, its producing service. An inbound topic may be written by several city
    systems (`also_written_by`); each is trusted only under its own ``ce_source``.
    """

    topic: str
    producer: str
    consumers: tuple[str, ...]
    also_written_by: tuple[str, ...] = ()

    @property
    def writers(self) -> tuple[str, ...]:
        """Every principal that may write the topic."""
        return (self.producer, *self.also_written_by)

    @property
    def dead_letter(self) -> str:
        """The dead-letter topic, written by this topic's consumers when they reject or give up."""
        return f"{self.topic}{DEAD_LETTER_SUFFIX}"


def _service(name: str, description: str) -> Principal:
    return Principal(name, PrincipalKind.SERVICE, description)


def _city_system(name: str, description: str) -> Principal:
    return Principal(name, PrincipalKind.CITY_SYSTEM, description)


PRINCIPALS: tuple[Principal, ...] = (
    _service("content", "Publishes the course catalogue."),
    _service("enrolment", "Enrols learners; consumes published courses."),
    _service("notifications", "Tells learners about their enrolments."),
    _service("reporting", "Projects enrolments into city statistics."),
    Principal(
        "city-lms",
        PrincipalKind.CITY_SYSTEM,
        "Sample city system (a district learning-management system) feeding learning activity in.",
    ),
)

CITY_LEARNING_ACTIVITY = LEARNING_ACTIVITY.name
"""Inbound topic of learning activity (issue 13): city systems write it, enrolment and reporting read it."""

TOPIC_RIGHTS: tuple[TopicRights, ...] = (
    TopicRights(COURSES.name, producer="content", consumers=()),  # the offerings carry what enrolment needs
    # notifications tells an offering's learners of its changes and cancellation (issue 11); reporting
    # breaks indicators down by an offering's domain, delivery mode and audience (issue 12)
    TopicRights(OFFERINGS.name, producer="content", consumers=("enrolment", "notifications", "reporting")),
    TopicRights(ENROLMENTS.name, producer="enrolment", consumers=("notifications", "reporting")),
    # notifications keeps its own audience read model (dimensions only) for campaign segments (issue 11)
    TopicRights(LEARNERS.name, producer="enrolment", consumers=("notifications", "reporting")),
    # Restricted contacts: notifications alone (issue 9/11); reporting must never be granted this topic.
    TopicRights(LEARNER_CONTACTS.name, producer="enrolment", consumers=("notifications",)),
    # reporting reads delivery statuses (sent, failed; delivered, opened) to measure campaign reach
    TopicRights(MESSAGES.name, producer="notifications", consumers=("reporting",)),
    TopicRights(CAMPAIGNS.name, producer="notifications", consumers=()),
    # Inbound: city systems write (each trusted under its own ce_source) and read nothing.
    # Reporting also writes learning activity: xAPI statements received over HTTP, through its outbox.
    TopicRights(
        CITY_LEARNING_ACTIVITY,
        producer="city-lms",
        consumers=("enrolment", "reporting"),
        also_written_by=("reporting",),
    ),
    TopicRights(ATTENDANCE.name, producer="city-lms", consumers=("reporting",)),
)
"""Per topic: who writes it and who reads it. Every other access is refused by the broker."""


_EXTRA_PRINCIPALS: list[Principal] = []
_EXTRA_RIGHTS: list[TopicRights] = []
"""Test-only declarations, present only inside ``contracts.registry.registered`` blocks."""


def principal(name: str) -> Principal:
    """The declared principal with this name; KeyError if there is none."""
    for candidate in (*PRINCIPALS, *_EXTRA_PRINCIPALS):
        if candidate.name == name:
            return candidate
    raise KeyError(f"no principal named {name!r}")


def principal_of_source(source: str) -> Principal | None:
    """The declared principal whose ``ce_source`` this is, or None (a sender may write any string)."""
    return next((p for p in (*PRINCIPALS, *_EXTRA_PRINCIPALS) if p.source == source), None)


def rights_for(topic: str) -> TopicRights:
    """The declared rights of a (domain or inbound) topic; KeyError if there are none."""
    for rights in (*TOPIC_RIGHTS, *_EXTRA_RIGHTS):
        if rights.topic == topic:
            return rights
    raise KeyError(f"no rights declared for topic {topic!r}")


@cache  # asked for every consumed event; `contracts.registry.registered` clears it
def trusted_sources(topic: str) -> frozenset[str]:
    """The ``ce_source`` values trusted for events on ``topic``: its declared writers' only."""
    return frozenset(principal(writer).source for writer in rights_for(topic).writers)


def narrowest_clearance(*models: type[EventModel]) -> Clearance:
    """The least a consumer of ``models`` needs: their highest classification, only their categories."""
    if not models:
        raise ValueError("a consumer handles at least one event model")
    highest = max((m.classification for m in models), key=lambda c: c.rank)
    return Clearance(highest, frozenset(m.category for m in models))
