"""AsyncAPI 3.0 message components: CloudEvents headers, Kafka key, payload schema and example."""

from datetime import UTC, datetime
from typing import Any
from uuid import NAMESPACE_URL, uuid5

from contracts.classification import regulation_for
from contracts.envelope import Envelope, source_for
from contracts.event import EventModel
from contracts.event_schema import Schema, event_schema
from contracts.headers import CONTENT_TYPE, HEADER_FIELDS, OPTIONAL_HEADERS, SPECVERSION
from contracts.rights import principal, rights_for
from contracts.topics import INBOUND_TOPICS

KAFKA_BINDING_VERSION = "0.5.0"
EXAMPLE_TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
_FALLBACK_EXAMPLE_TIME = datetime(2026, 1, 1, tzinfo=UTC)
_SCHEMA_REFS = "#/components/schemas/"


def message_component(cls: type[EventModel]) -> Schema:
    """The ``components.messages`` entry of one event version."""
    docstring = (cls.__doc__ or cls.__name__).strip()
    summary = docstring.splitlines()[0]
    return {
        "name": cls.ce_type,
        "title": cls.__name__,
        "summary": f"Deprecated (read {cls.superseded_by}): {summary}" if cls.superseded_by else summary,
        "description": f"{docstring}\n\nData: {cls.classification}, {cls.category}. Topic: {cls.topic}.",
        "contentType": CONTENT_TYPE,
        "headers": headers_schema(cls),
        "payload": {"$ref": f"{_SCHEMA_REFS}{cls.__name__}"},
        "bindings": {"kafka": {"key": key_schema(cls), "bindingVersion": KAFKA_BINDING_VERSION}},
        "examples": [message_example(cls)],
        "x-classification": str(cls.classification),
        "x-category": str(cls.category),
    } | _deprecation(cls)


def _deprecation(cls: type[EventModel]) -> Schema:
    # AsyncAPI 3.0 has no deprecated flag on a message: an extension, as x-classification is
    if cls.superseded_by is None:
        return {}
    return {"x-deprecated": True, "x-superseded-by": cls.superseded_by}


def headers_schema(cls: type[EventModel]) -> Schema:
    """Schema of the Kafka headers (CloudEvents binary mode) that travel with this event."""
    fixed = {
        "ce_specversion": SPECVERSION,
        "ce_type": cls.ce_type,
        "content-type": CONTENT_TYPE,
        "ce_dataclassification": str(cls.classification),
        "ce_datacategory": str(cls.category),
    }
    regulation = regulation_for(cls.category)
    if regulation is not None:
        fixed["ce_dataregulation"] = regulation
    properties: Schema = {}
    for header, field in HEADER_FIELDS.items():
        if header == "ce_dataregulation" and regulation is None:
            continue
        properties[header] = {"type": "string", "description": Envelope.model_fields[field].description}
        if header in fixed:
            properties[header]["const"] = fixed[header]
    properties["ce_source"]["format"] = "uri-reference"
    properties["ce_time"]["format"] = "date-time"
    required = [h for h in properties if h not in OPTIONAL_HEADERS or h in fixed]
    return {"type": "object", "properties": properties, "required": required}


def key_schema(cls: type[EventModel]) -> Schema:
    """Schema of the Kafka message key: the aggregate id, so one aggregate's events stay in order."""
    field_schema = event_schema(cls)["properties"][cls.aggregate_field]
    key = {k: v for k, v in field_schema.items() if k in ("type", "format", "pattern")}
    key["description"] = (
        f"Aggregate id ({cls.aggregate_field}); all events of one aggregate share a partition."
    )
    return key


def message_example(cls: type[EventModel]) -> Schema:
    """A realistic example message: the documented payload and the headers a producer would send."""
    event = cls.example()
    occurred = next((v for v in event.model_dump().values() if isinstance(v, datetime)), None)
    envelope = Envelope.for_event(
        event,
        source=_example_source(cls),
        id=str(uuid5(NAMESPACE_URL, cls.ce_type)),
        time=occurred or _FALLBACK_EXAMPLE_TIME,
        traceparent=EXAMPLE_TRACEPARENT,
    )
    headers = {name: value.decode() for name, value in envelope.to_headers()}
    return {
        "name": cls.__name__,
        "summary": f"Example {cls.ce_type}",
        "headers": headers,
        "payload": event.model_dump(mode="json"),
    }


def _example_source(cls: type[EventModel]) -> str:
    # An inbound event comes from a city system, under that system's own ce_source.
    if any(spec.name == cls.topic for spec in INBOUND_TOPICS):
        return principal(rights_for(cls.topic).producer).source
    return source_for(cls.event_type().producer)


def payload_schemas(cls: type[EventModel]) -> dict[str, Schema]:
    """``components.schemas`` entries of one event: its payload plus its ``$defs``, refs rewritten."""
    schema = event_schema(cls)
    for key in ("$schema", "$id"):
        schema.pop(key)
    prefix = f"{_SCHEMA_REFS}{cls.__name__}."
    definitions: dict[str, Schema] = schema.pop("$defs", {})
    entries = {cls.__name__: schema} | {f"{cls.__name__}.{n}": d for n, d in definitions.items()}
    return {name: _rewrite_refs(entry, prefix) for name, entry in entries.items()}


def _rewrite_refs(node: Any, prefix: str) -> Any:
    if isinstance(node, dict):
        return {
            k: (prefix + v.removeprefix("#/$defs/") if k == "$ref" else _rewrite_refs(v, prefix))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item, prefix) for item in node]
    return node
