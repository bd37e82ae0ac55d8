"""A retired event version stays published (its schema frozen) and is marked deprecated in the catalogue."""

from contracts.asyncapi import asyncapi_document
from contracts.events.enrolment import EnrolmentConfirmedV1, EnrolmentConfirmedV2
from contracts.registry import all_events


def test_confirmed_v1_is_deprecated_in_favour_of_v2_in_the_asyncapi_document():
    messages = asyncapi_document()["components"]["messages"]
    v1 = messages[EnrolmentConfirmedV1.__name__]
    assert v1["x-deprecated"] is True and v1["x-superseded-by"] == EnrolmentConfirmedV2.ce_type
    assert v1["summary"].startswith("Deprecated")
    assert "x-deprecated" not in messages[EnrolmentConfirmedV2.__name__]


def test_an_event_is_superseded_only_by_a_current_event_of_its_own_topic():
    current = {cls.ce_type: cls for cls in all_events() if cls.superseded_by is None}
    for cls in all_events():
        if cls.superseded_by is not None:
            successor = current[cls.superseded_by]
            assert successor.topic == cls.topic and successor.event_type().major > cls.event_type().major
