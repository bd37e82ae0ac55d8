"""Base class of every event payload, and the naming rule for CloudEvents event types."""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Self

from pydantic import BaseModel, ConfigDict

from contracts.classification import DataCategory, DataClassification

TYPE_PREFIX = "vn.hanoi.learningcity"
_SEGMENT = r"[a-z][a-z0-9_]*"
_TYPE_PATTERN = re.compile(
    rf"^{re.escape(TYPE_PREFIX)}\.(?P<producer>{_SEGMENT})\.(?P<subject>{_SEGMENT})"
    rf"\.(?P<action>{_SEGMENT})\.v(?P<major>[1-9][0-9]*)$"
)


class InvalidEventType(ValueError):
    """A string that is not a well-formed event type of this platform."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class EventType:
    """A parsed event type: ``vn.hanoi.learningcity.<producer>.<subject>.<action>.v<major>``.

    All segments are lowercase; the action is a past-tense verb (``published``, ``confirmed``).
    """

    producer: str
    subject: str
    action: str
    major: int

    @classmethod
    def parse(cls, ce_type: str) -> "EventType":
        """Parse a full event type, raising InvalidEventType with the expected pattern if malformed."""
        return _parse_type(ce_type)

    @property
    def name(self) -> str:
        """The type without its ``.v<major>`` suffix; all majors of one event share it."""
        return f"{TYPE_PREFIX}.{self.producer}.{self.subject}.{self.action}"

    def __str__(self) -> str:
        return f"{self.name}.v{self.major}"


# Each consumed event's type is parsed up to three times (headers, envelope, registry): parse each
# distinct string once. Bounded: a sender choosing types cannot grow it; failures are not cached.
@lru_cache(maxsize=1024)
def _parse_type(ce_type: str) -> EventType:
    match = _TYPE_PATTERN.fullmatch(ce_type)
    if match is None:
        raise InvalidEventType(
            f"event type {ce_type!r} does not match "
            f"{TYPE_PREFIX}.<producer>.<subject>.<action>.v<major> (lowercase, major >= 1)"
        )
    parts = match.groupdict()
    return EventType(parts["producer"], parts["subject"], parts["action"], int(parts["major"]))


class EventModel(BaseModel):
    """Base of every event payload; a concrete event is one major version of one event type.

    Subclasses set the class variables below and name the field holding the aggregate id. Payloads are
    immutable, and unknown fields are ignored so that producers may add optional fields within a major.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    ce_type: ClassVar[str]
    """Full event type, e.g. ``vn.hanoi.learningcity.enrolment.enrolment.confirmed.v1``."""
    classification: ClassVar[DataClassification]
    category: ClassVar[DataCategory]
    topic: ClassVar[str]
    """Name of the Kafka topic the event is published on."""
    aggregate_field: ClassVar[str]
    """Name of the field whose value is the aggregate id (the Kafka message key)."""
    superseded_by: ClassVar[str | None] = None
    """The ``ce_type`` consumers read instead once this version is retired: it stays published (schema
    frozen, old records still on the topic) and is marked deprecated in the catalogue; nothing emits it."""

    @classmethod
    def event_type(cls) -> EventType:
        """The parsed ``ce_type`` of this event class."""
        return EventType.parse(cls.ce_type)

    @classmethod
    def example(cls) -> Self:
        """The first documented example (``json_schema_extra["examples"]``) as a validated instance."""
        extra = cls.model_config.get("json_schema_extra")
        examples = extra.get("examples") if isinstance(extra, dict) else None
        if not isinstance(examples, list) or not examples:
            raise LookupError(f"{cls.__name__} documents no example")
        return cls.model_validate(examples[0])

    def aggregate_id(self) -> str:
        """The id of the aggregate the event is about; used as the Kafka message key."""
        return str(getattr(self, self.aggregate_field))

    def subject(self) -> str:
        """The CloudEvents ``subject``; the aggregate id unless an event says otherwise."""
        return self.aggregate_id()
