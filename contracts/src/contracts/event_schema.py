"""JSON Schema of one event version, as committed in ``schemas/`` and frozen in ``published/``."""

import json
from typing import Any

from contracts.event import EventModel

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID_PREFIX = "urn:vn.hanoi.learningcity:event-schema:"

Schema = dict[str, Any]


def schema_id(ce_type: str) -> str:
    """The ``$id`` of the schema of one event version."""
    return f"{SCHEMA_ID_PREFIX}{ce_type}"


def event_schema(cls: type[EventModel]) -> Schema:
    """The payload schema of an event class, with its CloudEvents type and data labels as ``x-`` keys."""
    schema: Schema = cls.model_json_schema()
    schema.update(
        {
            "$schema": JSON_SCHEMA_DIALECT,
            "$id": schema_id(cls.ce_type),
            "title": cls.__name__,
            "x-ce-type": cls.ce_type,
            "x-classification": str(cls.classification),
            "x-category": str(cls.category),
            "x-topic": cls.topic,
            "x-aggregate-id": cls.aggregate_field,
        }
    )
    return schema


def dump_json(document: Any) -> str:
    """Canonical JSON text of a generated file: sorted keys, two-space indent, trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
