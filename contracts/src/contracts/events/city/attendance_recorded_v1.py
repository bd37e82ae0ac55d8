"""``vn.hanoi.learningcity.city.attendance.recorded.v1``: a learner attended a community learning centre."""

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.city.inbound_facts import EXAMPLE_LEARNER_ID, EXAMPLE_OFFERING_ID, InboundLearner


class AttendanceRecordedV1(EventModel, InboundLearner):
    """A community learning centre recorded whether a learner attended one session of an offering.

    Public inbound event: written by city systems, read by reporting (activity).
    Personal data: pseudonymous (learner id only; classified internal).
    """

    model_config = ConfigDict(
        title="AttendanceRecordedV1",
        json_schema_extra={
            "examples": [
                {
                    "learner_id": EXAMPLE_LEARNER_ID,
                    "offering_id": EXAMPLE_OFFERING_ID,
                    "centre_code": "CLC-00004-01",
                    "session_on": "2027-03-01",
                    "attended": True,
                    "recorded_at": "2027-03-01T11:00:00+07:00",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.city.attendance.recorded.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "city.attendance"
    aggregate_field: ClassVar[str] = "learner_id"

    offering_id: UUID = Field(description="The platform offering whose session this was.")
    centre_code: str = Field(
        pattern=r"^[A-Z0-9][A-Z0-9-]{1,31}$", description="The community learning centre's code."
    )
    session_on: date = Field(description="The day of the session (Hanoi local date).")
    attended: bool = Field(description="True if the learner was present.")
    recorded_at: AwareDatetime = Field(description="When the centre recorded it (RFC 3339, with offset).")
