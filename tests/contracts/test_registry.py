"""Registry: every event module is found, and types resolve by name and major version."""

import pytest
from contracts.event import EventModel
from contracts.events import CoursePublishedV1, EnrolmentConfirmedV1
from contracts.registry import all_events, resolve
from contracts.rejections import UnknownEventType, UnknownMajorVersion
from contracts.topics import topic


def test_discovers_every_event_module() -> None:
    assert all_events() == [CoursePublishedV1, EnrolmentConfirmedV1]


def test_resolves_a_known_type() -> None:
    assert resolve("vn.hanoi.learningcity.content.course.published.v1") is CoursePublishedV1


def test_unknown_major_of_known_type() -> None:
    with pytest.raises(UnknownMajorVersion):
        resolve("vn.hanoi.learningcity.content.course.published.v3")


@pytest.mark.parametrize("ce_type", ["vn.hanoi.learningcity.content.course.archived.v1", "CoursePublished"])
def test_unknown_type(ce_type: str) -> None:
    with pytest.raises(UnknownEventType):
        resolve(ce_type)


@pytest.mark.parametrize("cls", all_events())
def test_event_is_declared_on_its_topic(cls: type[EventModel]) -> None:
    assert cls.ce_type in topic(cls.topic).event_types
    assert cls.topic.startswith(f"{cls.event_type().producer}.")


@pytest.mark.parametrize("cls", all_events())
def test_aggregate_id_is_the_subject_and_key(cls: type[EventModel]) -> None:
    example = cls.example()
    assert example.aggregate_id() == str(getattr(example, cls.aggregate_field))
    assert example.subject() == example.aggregate_id()


@pytest.mark.parametrize("cls", all_events())
def test_events_are_immutable_and_tolerant(cls: type[EventModel]) -> None:
    assert cls.model_config.get("frozen") is True
    assert cls.model_config.get("extra") == "ignore"
