"""CloudEvents 1.0 envelope in Kafka binary mode (``ce_*`` headers) and the consumer-side event decoder."""

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Literal, Self
from uuid import uuid4

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from contracts.classification import Clearance, DataCategory, DataClassification, regulation_for
from contracts.event import EventModel, EventType
from contracts.headers import (
    HEADER_FIELDS,
    EnvelopeError,
    HeaderValue,
    format_time,
    parse_time,
    read_headers,
)
from contracts.registry import resolve
from contracts.rejections import (
    InvalidPayload,
    MalformedEnvelope,
    NotCleared,
    RejectedEvent,
    UnknownEventType,
    UnknownMajorVersion,
    UntrustedSource,
)
from contracts.rights import SERVICE_SOURCE_PREFIX, trusted_sources

_MAX_PAYLOAD_ERRORS = 10

__all__ = [
    "Envelope",
    "EnvelopeError",
    "InvalidPayload",
    "MalformedEnvelope",
    "NotCleared",
    "RejectedEvent",
    "UnknownEventType",
    "UnknownMajorVersion",
    "UntrustedSource",
    "decode_event",
    "encode_event",
]


class Envelope(BaseModel):
    """The CloudEvents attributes of one event, carried as Kafka headers next to the JSON payload."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, description="Unique id of the event; consumers deduplicate on it.")
    source: str = Field(min_length=1, description="URI reference of the producing service.")
    specversion: Literal["1.0"] = Field(default="1.0", description="CloudEvents version, always 1.0.")
    type: str = Field(description="Event type, vn.hanoi.learningcity.<producer>.<subject>.<action>.v<major>.")
    time: AwareDatetime = Field(description="When the fact happened, RFC 3339 in UTC.")
    subject: str = Field(min_length=1, description="What the event is about: the aggregate id by default.")
    datacontenttype: Literal["application/json"] = Field(
        default="application/json", description="Media type of the payload, always application/json."
    )
    dataclassification: DataClassification = Field(
        description="Data classification: public, internal, confidential or restricted."
    )
    dataregulation: str | None = Field(
        default=None, description="Personal-data regulation (VN-PDPL); present only for personal data."
    )
    datacategory: DataCategory = Field(description="Data category: non-personal, personal or sensitive.")
    traceparent: str | None = Field(default=None, description="W3C Trace Context traceparent, if traced.")
    tracestate: str | None = Field(default=None, description="W3C Trace Context tracestate, if any.")

    @field_validator("type")
    @classmethod
    def _well_formed_type(cls, value: str) -> str:
        EventType.parse(value)
        return value

    @field_validator("time")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)

    @model_validator(mode="after")
    def _regulation_matches_category(self) -> Self:
        if (self.dataregulation is None) == self.datacategory.is_personal:
            raise ValueError("ce_dataregulation must be present exactly when the data is personal")
        return self

    @classmethod
    def for_event(
        cls,
        event: EventModel,
        *,
        source: str,
        id: str | None = None,
        time: datetime | None = None,
        traceparent: str | None = None,
        tracestate: str | None = None,
    ) -> "Envelope":
        """The envelope a producer sends with ``event``; id and time default to a new UUID and now."""
        return cls(
            id=id or str(uuid4()),
            source=source,
            type=event.ce_type,
            time=time or datetime.now(UTC),
            subject=event.subject(),
            dataclassification=event.classification,
            dataregulation=regulation_for(event.category),
            datacategory=event.category,
            traceparent=traceparent,
            tracestate=tracestate,
        )

    def to_headers(self) -> list[tuple[str, bytes]]:
        """Kafka headers in binary content mode; absent optional attributes are left out."""
        values = self.model_dump(mode="json")
        values["time"] = format_time(self.time)
        return [
            (header, str(values[field]).encode())
            for header, field in HEADER_FIELDS.items()
            if values[field] is not None
        ]

    @classmethod
    def from_headers(cls, headers: Sequence[tuple[str, HeaderValue]]) -> "Envelope":
        """Read the envelope from Kafka headers; raises EnvelopeError saying what is wrong."""
        values = read_headers(headers)
        # read_headers checked every constraint this model declares (values present and non-empty, spec
        # version, content type, event type, RFC 3339 time with offset, labels, regulation exactly for
        # personal data), so the envelope is built without validating each consumed event a second time.
        return cls._checked(
            id=values["ce_id"],
            source=values["ce_source"],
            specversion="1.0",
            type=values["ce_type"],
            time=parse_time(values["ce_time"]).astimezone(UTC),
            subject=values["ce_subject"],
            datacontenttype="application/json",
            dataclassification=_CLASSIFICATIONS[values["ce_dataclassification"]],
            dataregulation=values.get("ce_dataregulation"),
            datacategory=_CATEGORIES[values["ce_datacategory"]],
            traceparent=values.get("traceparent"),
            tracestate=values.get("tracestate"),
        )

    @classmethod
    def _checked(cls, **fields: object) -> "Envelope":
        """An envelope of already checked values: pydantic's `model_construct` without its per-field
        default and alias handling (every field is given), which cost more than the checks themselves."""
        envelope = cls.__new__(cls)
        object.__setattr__(envelope, "__dict__", fields)
        object.__setattr__(envelope, "__pydantic_fields_set__", set(fields))
        object.__setattr__(envelope, "__pydantic_extra__", None)
        object.__setattr__(envelope, "__pydantic_private__", None)
        return envelope


_CLASSIFICATIONS = {str(member): member for member in DataClassification}
_CATEGORIES = {str(member): member for member in DataCategory}


def encode_event(event: EventModel) -> bytes:
    """The Kafka message value of an event: its JSON payload."""
    return event.model_dump_json().encode()


def decode_event(
    headers: Sequence[tuple[str, HeaderValue]], value: bytes, clearance: Clearance
) -> tuple[Envelope, EventModel]:
    """Read, authorise and validate one incoming event; raises a RejectedEvent subclass if it must not
    be processed: MalformedEnvelope, UnknownEventType, UnknownMajorVersion, UntrustedSource, NotCleared or
    InvalidPayload.
    """
    try:
        envelope = Envelope.from_headers(headers)
    except EnvelopeError as exc:
        raise MalformedEnvelope(exc.reason) from None
    cls = resolve(envelope.type)
    if (envelope.dataclassification, envelope.datacategory) != (cls.classification, cls.category):
        raise MalformedEnvelope(
            f"headers label {envelope.type} {envelope.dataclassification}/{envelope.datacategory}, "
            f"the contract says {cls.classification}/{cls.category}"
        )
    if envelope.source not in trusted_sources(cls.topic):
        # The reason leaves the source out: it is whatever the sender chose to write.
        raise UntrustedSource(f"ce_source is not a trusted producer of {envelope.type}")
    if not _allows(clearance, cls.classification, cls.category):
        labels = f"{cls.classification}/{cls.category}"
        raise NotCleared(f"{envelope.type} is {labels}; consumer is cleared {clearance.describe()}")
    event = _parse_payload(cls, value)
    if event.subject() != envelope.subject:
        raise MalformedEnvelope(f"ce_subject does not match the subject of the {envelope.type} payload")
    return envelope, event


@cache  # a consumer's clearance meets a handful of labels: asked for every consumed event
def _allows(clearance: Clearance, classification: DataClassification, category: DataCategory) -> bool:
    return clearance.allows(classification, category)


def _parse_payload(cls: type[EventModel], value: bytes) -> EventModel:
    try:
        return cls.model_validate_json(value)
    except ValidationError as exc:
        # `from None`: the ValidationError's text contains the input values, which may be personal data.
        raise InvalidPayload(_payload_reason(cls, exc)) from None


def _payload_reason(cls: type[EventModel], exc: ValidationError) -> str:
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    if any(error["type"] == "json_invalid" for error in errors):
        return f"{cls.ce_type} payload is not valid JSON"
    problems = [
        f"{'.'.join(str(part) for part in error['loc']) or '<payload>'}: {error['type']}"
        for error in errors[:_MAX_PAYLOAD_ERRORS]
    ]
    more = f" (+{len(errors) - _MAX_PAYLOAD_ERRORS} more)" if len(errors) > _MAX_PAYLOAD_ERRORS else ""
    return f"{cls.ce_type} payload is invalid: {'; '.join(problems)}{more}"


def source_for(service: str) -> str:
    """The ``ce_source`` a platform service sends: ``/vn/hanoi/learningcity/<service>`` (the kit's outbox)."""
    return f"{SERVICE_SOURCE_PREFIX}{service}"
