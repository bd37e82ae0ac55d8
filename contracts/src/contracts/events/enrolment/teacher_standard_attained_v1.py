"""``vn.hanoi.learningcity.enrolment.teacher.standard_attained.v1``: a teacher now meets their standard."""

from datetime import date
from typing import ClassVar
from uuid import UUID

from pydantic import ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.content.offering_details import TeacherLevel


class TeacherStandardAttainedV1(EventModel):
    """A teacher now meets the training standard of their level (Education Law 2019 art. 72), e.g. by
    completing the upgrading programme of the Decree 71/2020 roadmap.

    Personal data: pseudonymous (learner id only); the qualification itself stays in enrolment.
    """

    model_config = ConfigDict(
        title="TeacherStandardAttainedV1",
        json_schema_extra={
            "examples": [
                {
                    "learner_id": "a3e1c7b2-6d54-4f0e-b8a9-7c6d5e4f3a21",
                    "level": "primary",
                    "attained_on": "2027-08-31",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.teacher.standard_attained.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.learners"
    aggregate_field: ClassVar[str] = "learner_id"

    learner_id: UUID = Field(description="Pseudonymous id of the teacher; the aggregate id and message key.")
    level: TeacherLevel = Field(description="The level whose standard the teacher now meets.")
    attained_on: date = Field(description="The day the standard was attained (ISO 8601 date, Hanoi time).")
