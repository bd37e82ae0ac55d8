"""``vn.hanoi.learningcity.content.material.published.v1``: a learning material was attached to a course."""

from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel


class MaterialKind(StrEnum):
    """What a learning material is."""

    DOCUMENT = "document"
    VIDEO = "video"
    AUDIO = "audio"
    XAPI = "xapi"
    """An interactive activity that reports xAPI statements under its activity id."""


class MaterialPublishedV1(EventModel):
    """A learning material was published on a course (keyed by the course, so it keeps the course's order).

    Learners see it once its course is published; partner cities may harvest it under its licence.
    """

    model_config = ConfigDict(
        title="MaterialPublishedV1",
        json_schema_extra={
            "examples": [
                {
                    "material_id": "5c0e7a4e-9d1b-4b8e-8f1a-3a2b1c0d9e8f",
                    "course_id": "0b6f3f0e-8d1c-4f57-9a43-2f5d2c7e9a10",
                    "kind": "video",
                    "url": "https://hoctap.hanoi.gov.vn/media/lua-huu-co-1.mp4",
                    "checksum": "sha256:" + "0" * 64,
                    "size_bytes": 73400320,
                    "language": "vi",
                    "licence": "CC-BY-4.0",
                    "xapi_activity_id": None,
                    "published_at": "2026-02-02T01:30:00Z",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.content.material.published.v1"
    classification: ClassVar[DataClassification] = DataClassification.PUBLIC
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "content.courses"
    aggregate_field: ClassVar[str] = "course_id"

    material_id: UUID = Field(description="Id of the material.")
    course_id: UUID = Field(description="Id of the course it belongs to; the Kafka message key.")
    kind: MaterialKind = Field(description="Document, video, audio or interactive xAPI activity.")
    url: str = Field(description="HTTPS address of the file or activity.", max_length=2000)
    checksum: str = Field(
        description="sha256 of the file, as `sha256:<hex>`.", pattern=r"^sha256:[0-9a-f]{64}$"
    )
    size_bytes: int = Field(ge=1, description="Size of the file in bytes.")
    language: str = Field(description="ISO 639 code of the material's language.", pattern=r"^[a-z]{2,3}$")
    licence: str = Field(description="SPDX licence id, e.g. CC-BY-4.0.", min_length=2, max_length=64)
    xapi_activity_id: str | None = Field(
        default=None, description="xAPI activity IRI (interactive activities only).", max_length=2000
    )
    published_at: AwareDatetime = Field(description="When it was published (RFC 3339, with offset).")
