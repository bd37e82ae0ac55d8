"""The state of a course offering that every offering event carries (scheduled, changed, cancelled)."""

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field, JsonValue

from contracts.events.content.course_published_v1 import CourseTheme, DeliveryMode


class OfferingStatus(StrEnum):
    """Whether an offering takes enrolments."""

    OPEN = "open"
    """Takes enrolments."""
    CLOSED = "closed"
    """Takes no new enrolments; existing places stand (e.g. the class has started)."""
    CANCELLED = "cancelled"
    """Will not run; learners holding places are told."""
    RETIRED = "retired"
    """Ran and is over; kept for history."""


class TeacherLevel(StrEnum):
    """The level a teacher teaches at."""

    PRESCHOOL = "preschool"
    PRIMARY = "primary"
    LOWER_SECONDARY = "lower_secondary"
    UPPER_SECONDARY = "upper_secondary"


class AgeBetween(BaseModel):
    """Only learners of these ages on the offering's start date (e.g. 15-18 for vocational streaming)."""

    rule: Literal["age_between"] = Field(description="Rule discriminator.")
    min_age: int = Field(ge=0, le=130, description="Youngest age admitted, inclusive.")
    max_age: int = Field(ge=0, le=130, description="Oldest age admitted, inclusive.")


class TeachersBelowStandard(BaseModel):
    """Only teachers of a level who do not yet meet its training standard (upgrading programmes)."""

    rule: Literal["teachers_below_standard"] = Field(description="Rule discriminator.")
    level: TeacherLevel = Field(description="The teaching level the programme upgrades.")


class LearnerTypeIn(BaseModel):
    """Only learners of these types (e.g. public employees, industrial workers)."""

    rule: Literal["learner_type_in"] = Field(description="Rule discriminator.")
    learner_types: list[Literal["resident", "teacher", "public_employee", "industrial_worker", "student"]] = (
        Field(min_length=1, description="The learner types admitted.")
    )


AudienceRule = Annotated[AgeBetween | TeachersBelowStandard | LearnerTypeIn, Field(discriminator="rule")]
"""One eligibility rule of an offering; a learner must pass every rule (no rules: open to everyone)."""


class OfferingDetails(BaseModel):
    """An offering (one run of a course, with seats and dates) as other services need it. Non-personal."""

    offering_id: UUID = Field(description="Id of the offering; the aggregate id and Kafka message key.")
    course_id: UUID = Field(description="Id of the course this offering runs.")
    revision: int = Field(
        ge=1,
        description=(
            "1 when scheduled, then one more per revision. Consumers keep the highest revision they have "
            "seen and ignore an older one."
        ),
    )
    status: OfferingStatus = Field(description="Whether the offering takes enrolments.")
    theme: CourseTheme = Field(description="Learning theme (domain) of the course.")
    delivery_mode: DeliveryMode = Field(description="How this offering is delivered.")
    starts_on: date = Field(description="First day of the offering (ISO 8601 date, Hanoi time).")
    ends_on: date | None = Field(default=None, description="Last day; null for open-ended self-paced runs.")
    capacity: int | None = Field(
        default=None, ge=1, description="Maximum number of confirmed learners; null means unlimited."
    )
    reserved_seats: int = Field(
        default=0,
        ge=0,
        description=(
            "Seats (within capacity) that only learners in a support-policy category may take; "
            "0 when none are reserved."
        ),
    )
    audience: list[AudienceRule] = Field(
        default_factory=list, description="Eligibility rules; a learner must pass every one."
    )
    locality_code: str | None = Field(
        default=None,
        pattern=r"^[0-9]{5}$",
        description="GSO code of the ward or commune where an in-person or blended offering meets.",
    )


def offering_example(revision: int, status: str, at_field: str) -> dict[str, JsonValue]:
    """The example offering of the catalogue, at a revision and status, stamped in `at_field`."""
    return {
        "offering_id": "7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
        "course_id": "0b6f3f0e-8d1c-4f57-9a43-2f5d2c7e9a10",
        "revision": revision,
        "status": status,
        "theme": "teacher_professional_standard",
        "delivery_mode": "distance",
        "starts_on": "2027-03-01",
        "ends_on": "2027-08-31",
        "capacity": 50,
        "reserved_seats": 10,
        "audience": [{"rule": "teachers_below_standard", "level": "primary"}],
        "locality_code": None,
        at_field: "2027-01-15T02:00:00Z",
    }
