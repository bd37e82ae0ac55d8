"""``vn.hanoi.learningcity.content.offering.changed.v1``: an offering changed."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.content.offering_details import OfferingDetails


class OfferingChangedV1(EventModel, OfferingDetails):
    """A course offering changed: seats, dates, audience, or status (closed or retired; see cancelled).

    Carries the offering's whole state, so a consumer needs no earlier event.
    """

    model_config = ConfigDict(
        title="OfferingChangedV1",
        json_schema_extra={
            "examples": [
                {
                    "offering_id": "7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
                    "course_id": "0b6f3f0e-8d1c-4f57-9a43-2f5d2c7e9a10",
                    "revision": 2,
                    "status": "closed",
                    "theme": "teacher_professional_standard",
                    "delivery_mode": "distance",
                    "starts_on": "2027-03-01",
                    "ends_on": "2027-08-31",
                    "capacity": 50,
                    "reserved_seats": 10,
                    "audience": [{"rule": "teachers_below_standard", "level": "primary"}],
                    "locality_code": None,
                    "changed_at": "2027-01-15T02:00:00Z",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.content.offering.changed.v1"
    classification: ClassVar[DataClassification] = DataClassification.PUBLIC
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "content.offerings"
    aggregate_field: ClassVar[str] = "offering_id"

    changed_at: AwareDatetime = Field(description="When it happened (RFC 3339, with offset).")
