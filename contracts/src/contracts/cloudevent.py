"""The CloudEvents 1.0 attributes of one event, carried in Kafka binary mode as ``ce_*`` headers."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal, Self
from uuid import uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from contracts.classification import DataCategory, DataClassification, regulation_for
from contracts.event import EventModel, EventType
from contracts.headers import HEADER_FIELDS, HeaderValue, format_time, read_checked


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
        values, moment = read_checked(headers)
        # read_checked checked every constraint this model declares (values present and non-empty, spec
        # version, content type, event type, RFC 3339 time with offset, labels, regulation exactly for
        # personal data), so the envelope is built without validating each consumed event a second time.
        return cls._checked(
            id=values["ce_id"],
            source=values["ce_source"],
            specversion="1.0",
            type=values["ce_type"],
            time=moment.astimezone(UTC),
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
