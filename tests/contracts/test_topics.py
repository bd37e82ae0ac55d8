"""Topics: domain topics keep events forever, and each has a declared dead-letter topic."""

import pytest
from contracts.topics import DEAD_LETTER_RETENTION_MS, FOREVER, TOPICS, all_topic_specs, topic


def test_declares_the_domain_topics() -> None:
    assert [(t.name, t.partitions) for t in TOPICS] == [
        ("content.courses", 3),
        ("content.offerings", 3),
        ("enrolment.enrolments", 3),
        ("enrolment.learners", 3),
        ("enrolment.learner-contacts", 3),
        ("notifications.messages", 3),
        ("notifications.campaigns", 3),
    ]


def test_domain_topics_keep_events_forever_for_replay() -> None:
    assert all(t.retention_ms == FOREVER for t in TOPICS)


def test_every_topic_has_a_dead_letter_topic() -> None:
    names = [t.name for t in all_topic_specs()]
    assert names == [
        "content.courses",
        "content.courses.dlq",
        "content.offerings",
        "content.offerings.dlq",
        "enrolment.enrolments",
        "enrolment.enrolments.dlq",
        "enrolment.learners",
        "enrolment.learners.dlq",
        "enrolment.learner-contacts",
        "enrolment.learner-contacts.dlq",
        "notifications.messages",
        "notifications.messages.dlq",
        "notifications.campaigns",
        "notifications.campaigns.dlq",
        "city.learning-activity",
        "city.learning-activity.dlq",
        "city.attendance",
        "city.attendance.dlq",
    ]
    dead_letter = topic("enrolment.enrolments.dlq")
    assert dead_letter.retention_ms == DEAD_LETTER_RETENTION_MS == 30 * 86_400_000
    assert dead_letter.is_dead_letter and topic("enrolment.enrolments").dead_letter == dead_letter.name


def test_unknown_topic_is_an_error() -> None:
    with pytest.raises(KeyError):
        topic("enrolment.nonexistent")
