"""``vn.hanoi.learningcity.content.offering.scheduled.v1``: a course offering was scheduled."""

from typing import ClassVar

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.content.offering_details import OfferingDetails, offering_example


class OfferingScheduledV1(EventModel, OfferingDetails):
    """A course offering was scheduled (revision 1).

    Carries the offering's whole state, so a consumer needs no earlier event.
    """

    model_config = ConfigDict(
        title="OfferingScheduledV1",
        json_schema_extra={"examples": [offering_example(1, "open", "scheduled_at")]},
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.content.offering.scheduled.v1"
    classification: ClassVar[DataClassification] = DataClassification.PUBLIC
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "content.offerings"
    aggregate_field: ClassVar[str] = "offering_id"

    scheduled_at: AwareDatetime = Field(description="When it happened (RFC 3339, with offset).")
