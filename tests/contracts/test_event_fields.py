"""Every event documents itself: each field has a description, and each event a valid example."""

import pytest
from contracts.event import EventModel
from contracts.event_schema import event_schema
from contracts.registry import all_events


@pytest.mark.parametrize("cls", all_events())
def test_every_field_has_a_description(cls: type[EventModel]) -> None:
    undocumented = [name for name, field in cls.model_fields.items() if not (field.description or "").strip()]
    assert undocumented == []


@pytest.mark.parametrize("cls", all_events())
def test_every_schema_property_has_a_description(cls: type[EventModel]) -> None:
    properties = event_schema(cls)["properties"]
    assert all(spec.get("description") for spec in properties.values())


@pytest.mark.parametrize("cls", all_events())
def test_has_a_docstring_and_a_valid_example(cls: type[EventModel]) -> None:
    assert (cls.__doc__ or "").strip()
    assert isinstance(cls.example(), cls)


@pytest.mark.parametrize("cls", all_events())
def test_schema_carries_type_and_data_labels(cls: type[EventModel]) -> None:
    schema = event_schema(cls)
    assert schema["x-ce-type"] == cls.ce_type
    assert (schema["x-classification"], schema["x-category"]) == (cls.classification, cls.category)
    assert schema["x-topic"] == cls.topic
    assert schema["$id"].endswith(cls.ce_type)
