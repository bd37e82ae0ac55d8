"""Kafka topics of the platform: one per producing aggregate, plus a dead-letter topic for each."""

from contracts.topic_spec import (
    COMPACTION_LAG_MS,
    DEAD_LETTER_RETENTION_MS,
    DEAD_LETTER_SUFFIX,
    FOREVER,
    Erasure,
    Topic,
)

__all__ = [
    "ATTENDANCE",
    "CAMPAIGNS",
    "COMPACTION_LAG_MS",
    "COURSES",
    "DEAD_LETTER_RETENTION_MS",
    "DEAD_LETTER_SUFFIX",
    "ENROLMENTS",
    "FOREVER",
    "INBOUND_TOPICS",
    "LEARNERS",
    "LEARNER_CONTACTS",
    "LEARNING_ACTIVITY",
    "MESSAGES",
    "OFFERINGS",
    "TOPICS",
    "Erasure",
    "Topic",
    "all_topic_specs",
    "topic",
]

COURSES = Topic(
    name="content.courses",
    partitions=3,
    retention_ms=FOREVER,
    description="Course catalogue events (courses and their materials) from content, keyed by course id.",
    event_types=(
        "vn.hanoi.learningcity.content.course.published.v1",
        "vn.hanoi.learningcity.content.course.published.v2",
        "vn.hanoi.learningcity.content.course.retired.v1",
        "vn.hanoi.learningcity.content.course.updated.v1",
        "vn.hanoi.learningcity.content.material.published.v1",
        "vn.hanoi.learningcity.content.material.retired.v1",
    ),
)
OFFERINGS = Topic(
    name="content.offerings",
    partitions=3,
    retention_ms=FOREVER,
    description=(
        "Offering events from the content service (runs of a course with seats, dates and audience), "
        "keyed by offering id; each event carries the offering's whole state and a revision."
    ),
    event_types=(
        "vn.hanoi.learningcity.content.offering.cancelled.v1",
        "vn.hanoi.learningcity.content.offering.changed.v1",
        "vn.hanoi.learningcity.content.offering.scheduled.v1",
    ),
)
ENROLMENTS = Topic(
    name="enrolment.enrolments",
    partitions=3,
    retention_ms=FOREVER,
    description="Enrolment events from the enrolment service, keyed by enrolment id.",
    event_types=(
        "vn.hanoi.learningcity.enrolment.enrolment.completed.v1",
        "vn.hanoi.learningcity.enrolment.enrolment.confirmed.v1",
        "vn.hanoi.learningcity.enrolment.enrolment.confirmed.v2",
        "vn.hanoi.learningcity.enrolment.enrolment.dropped.v1",
        "vn.hanoi.learningcity.enrolment.progress.recorded.v1",
        "vn.hanoi.learningcity.enrolment.enrolment.promoted.v1",
        "vn.hanoi.learningcity.enrolment.enrolment.waitlisted.v1",
        "vn.hanoi.learningcity.enrolment.enrolment.withdrawn.v1",
        "vn.hanoi.learningcity.enrolment.support.granted.v1",
    ),
    erasure=Erasure.PSEUDONYM_SHREDDING,
)
LEARNERS = Topic(
    name="enrolment.learners",
    partitions=3,
    retention_ms=FOREVER,
    description=(
        "Learner events from the enrolment service, keyed by learner id: statistical dimensions only, "
        "never names, contacts, birth dates, ethnic groups or national ids."
    ),
    event_types=(
        "vn.hanoi.learningcity.enrolment.learner.erased.v1",
        "vn.hanoi.learningcity.enrolment.learner.registered.v1",
        "vn.hanoi.learningcity.enrolment.learner.updated.v1",
        "vn.hanoi.learningcity.enrolment.teacher.standard_attained.v1",
    ),
    erasure=Erasure.PSEUDONYM_SHREDDING,
)
LEARNER_CONTACTS = Topic(
    name="enrolment.learner-contacts",
    partitions=3,
    retention_ms=FOREVER,
    description=(
        "Learners' contacts, language and consent from the enrolment service, keyed by learner id: "
        "restricted personal data that only notifications may read. Compacted: a learner's latest record "
        "supersedes the earlier ones, and erasure supersedes the contacts with a record that has none."
    ),
    event_types=(
        "vn.hanoi.learningcity.enrolment.learner_contacts.changed.v1",
        "vn.hanoi.learningcity.enrolment.learner_contacts.erased.v1",
    ),
    erasure=Erasure.COMPACTION,
    compacted=True,
)
MESSAGES = Topic(
    name="notifications.messages",
    partitions=3,
    retention_ms=FOREVER,
    description=(
        "Delivery status events from the notifications service, keyed by message id: which message went out "
        "or failed on which channel, for a pseudonymous learner; never an address or a message body."
    ),
    event_types=(
        "vn.hanoi.learningcity.notifications.message.delivered.v1",
        "vn.hanoi.learningcity.notifications.message.failed.v1",
        "vn.hanoi.learningcity.notifications.message.opened.v1",
        "vn.hanoi.learningcity.notifications.message.sent.v1",
    ),
    erasure=Erasure.PSEUDONYM_SHREDDING,
)
CAMPAIGNS = Topic(
    name="notifications.campaigns",
    partitions=3,
    retention_ms=FOREVER,
    description=(
        "Campaign events from the notifications service, keyed by campaign id: started and finished, with "
        "counts; no learner data."
    ),
    event_types=(
        "vn.hanoi.learningcity.notifications.campaign.finished.v1",
        "vn.hanoi.learningcity.notifications.campaign.started.v1",
    ),
)

TOPICS: tuple[Topic, ...] = (COURSES, OFFERINGS, ENROLMENTS, LEARNERS, LEARNER_CONTACTS, MESSAGES, CAMPAIGNS)
"""The domain topics, in a stable order."""

LEARNING_ACTIVITY = Topic(
    name="city.learning-activity",
    partitions=3,
    retention_ms=FOREVER,
    description=(
        "Public inbound topic: learning activity and external course completions written by the city's "
        "other systems (LMSs, partner platforms), keyed by the platform's pseudonymous learner id."
    ),
    event_types=(
        "vn.hanoi.learningcity.city.external_course.completed.v1",
        "vn.hanoi.learningcity.city.learning_activity.recorded.v1",
    ),
    erasure=Erasure.PSEUDONYM_SHREDDING,
)
ATTENDANCE = Topic(
    name="city.attendance",
    partitions=3,
    retention_ms=FOREVER,
    description=(
        "Public inbound topic: attendance at community learning centres written by the centres' systems, "
        "keyed by the platform's pseudonymous learner id."
    ),
    event_types=("vn.hanoi.learningcity.city.attendance.recorded.v1",),
    erasure=Erasure.PSEUDONYM_SHREDDING,
)
INBOUND_TOPICS: tuple[Topic, ...] = (LEARNING_ACTIVITY, ATTENDANCE)
"""Public inbound topics: written by city systems (never by a service), read by the platform."""
_REGISTERED: list[Topic] = []  # declared for a while by `contracts.registry.registered` (tests' own topics)


def topic(name: str) -> Topic:
    """The declared topic (domain or dead-letter) with this name; KeyError if there is none."""
    for spec in all_topic_specs():
        if spec.name == name:
            return spec
    raise KeyError(f"no topic named {name!r}")


def all_topic_specs() -> tuple[Topic, ...]:
    """Every topic to create: each domain topic followed by its dead-letter topic."""
    domains = (*TOPICS, *INBOUND_TOPICS, *_REGISTERED)
    return tuple(spec for domain in domains for spec in (domain, domain.dead_letter_topic()))
