"""A course version (the same audience shape as the contract events) and an origin as JSON in the database."""

import json
from typing import Any

from content.domain.audience import rule_as_dict, rule_from_dict
from content.domain.course import Origin
from content.domain.course_content import CourseContent


def content_to_json(content: CourseContent) -> dict[str, Any]:
    """A course version as one JSON document."""
    return {
        "title_vi": content.title_vi,
        "title_en": content.title_en,
        "description_vi": content.description_vi,
        "description_en": content.description_en,
        "theme": content.theme,
        "delivery_mode": content.delivery_mode,
        "duration_hours": content.duration_hours,
        "languages": list(content.languages),
        "audience": [rule_as_dict(r) for r in content.audience],
        "learning_outcomes": list(content.learning_outcomes),
        "accessibility_notes": list(content.accessibility_notes),
    }


def content_from_json(doc: dict[str, Any]) -> CourseContent:
    """The course version a JSON document holds."""
    return CourseContent(
        doc["title_vi"],
        doc["title_en"],
        doc["description_vi"],
        doc["description_en"],
        doc["theme"],
        doc["delivery_mode"],
        doc["duration_hours"],
        tuple(doc["languages"]),
        tuple(rule_from_dict(r) for r in doc["audience"]),
        tuple(doc["learning_outcomes"]),
        tuple(doc["accessibility_notes"]),
    )


def origin_to_json(origin: Origin | None) -> str | None:
    """A partner course's origin as the JSON of the `origin` column (None: a course of Hanoi's own)."""
    return None if origin is None else json.dumps(vars(origin), ensure_ascii=False)


def origin_from_json(doc: str | None) -> Origin | None:
    """The origin a column value stands for."""
    return None if doc is None else Origin(**json.loads(doc))
