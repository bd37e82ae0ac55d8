"""Generated catalogue: committed files are fresh, and the AsyncAPI document describes every event."""

from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from contracts.asyncapi import asyncapi_document
from contracts.catalogue import generated_files, main, stale_files
from contracts.event import EventModel
from contracts.event_schema import event_schema
from contracts.registry import all_events
from contracts.topics import all_topic_specs


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return asyncapi_document()


def test_committed_files_are_not_stale() -> None:
    assert stale_files() == [], "run: python -m contracts.catalogue"


def test_check_lists_missing_and_orphan_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "vn.hanoi.learningcity.content.course.dropped.v1.json").write_text("{}")
    assert main(["--check", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "stale: asyncapi.json" in err and "course.dropped.v1.json" in err


def test_write_then_check_passes(tmp_path: Path) -> None:
    assert main(["--root", str(tmp_path)]) == 0
    assert main(["--check", "--root", str(tmp_path)]) == 0
    assert stale_files(tmp_path) == []


def test_output_is_deterministic_with_trailing_newline() -> None:
    first, second = generated_files(), generated_files()
    assert first == second
    assert all(text.endswith("}\n") for text in first.values())


def test_is_an_asyncapi_3_document(document: dict[str, Any]) -> None:
    assert document["asyncapi"] == "3.0.0"
    assert document["info"]["title"] == "Hanoi Learning City platform events"
    assert document["servers"]["kafka"]["protocol"] == "kafka"


def test_every_event_is_a_message_on_its_channel(document: dict[str, Any]) -> None:
    messages = document["components"]["messages"]
    assert {m["name"] for m in messages.values()} == {cls.ce_type for cls in all_events()}
    for cls in all_events():
        channel = document["channels"][cls.topic.replace(".", "_")]
        assert channel["address"] == cls.topic
        assert channel["messages"][cls.__name__] == {"$ref": f"#/components/messages/{cls.__name__}"}


def test_every_topic_and_dead_letter_topic_is_a_channel(document: dict[str, Any]) -> None:
    channels = {c["address"]: c for c in document["channels"].values()}
    for spec in all_topic_specs():
        binding = channels[spec.name]["bindings"]["kafka"]
        assert binding["partitions"] == spec.partitions
        assert binding["topicConfiguration"]["retention.ms"] == spec.retention_ms
        assert binding["bindingVersion"] == "0.5.0"


def test_producers_send_on_domain_channels(document: dict[str, Any]) -> None:
    operations = document["operations"]
    assert operations["send_enrolment_enrolments"]["action"] == "send"
    assert operations["send_enrolment_enrolments"]["x-producer"] == "enrolment"
    assert operations["send_content_courses"]["channel"] == {"$ref": "#/channels/content_courses"}


def _resolved_payload_schema(document: dict[str, Any], cls: type[EventModel]) -> dict[str, Any]:
    return {**document["components"]["schemas"][cls.__name__], "components": document["components"]}


@pytest.mark.parametrize("cls", all_events())
def test_message_examples_match_their_schemas(document: dict[str, Any], cls: type[EventModel]) -> None:
    message = document["components"]["messages"][cls.__name__]
    example = message["examples"][0]
    jsonschema.validate(example["headers"], message["headers"])
    jsonschema.validate(example["payload"], event_schema(cls))
    jsonschema.validate(example["payload"], _resolved_payload_schema(document, cls))
    assert message["bindings"]["kafka"]["key"]["format"] == "uuid"


@pytest.mark.parametrize("cls", all_events())
def test_headers_schema_documents_every_header(document: dict[str, Any], cls: type[EventModel]) -> None:
    headers = document["components"]["messages"][cls.__name__]["headers"]
    assert all(spec.get("description") for spec in headers["properties"].values())
    assert headers["properties"]["ce_type"]["const"] == cls.ce_type
    assert ("ce_dataregulation" in headers["required"]) == cls.category.is_personal
