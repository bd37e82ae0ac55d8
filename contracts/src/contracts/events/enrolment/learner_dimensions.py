"""The non-identifying dimensions of a learner that learner events carry (shared by their versions)."""

from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, Field


class Sex(StrEnum):
    """Sex as the learner states it."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"


class LearnerType(StrEnum):
    """Who the learner is, for the plan's target groups."""

    RESIDENT = "resident"
    TEACHER = "teacher"
    PUBLIC_EMPLOYEE = "public_employee"
    INDUSTRIAL_WORKER = "industrial_worker"
    STUDENT = "student"


class SupportCategory(StrEnum):
    """Groups Hanoi's support policies target."""

    POLICY_BENEFICIARY = "policy_beneficiary"
    POOR_HOUSEHOLD = "poor_household"
    NEAR_POOR_HOUSEHOLD = "near_poor_household"
    DISABILITY = "disability"
    ETHNIC_MINORITY = "ethnic_minority"
    WOMAN = "woman"
    DIFFICULT_AREA = "difficult_area"


class LearnerDimensions(BaseModel):
    """A learner by pseudonymous id and statistical dimensions: never a name, birth date, contact,
    ethnic group or national id."""

    learner_id: UUID = Field(description="Pseudonymous id of the learner; the aggregate id and message key.")
    sex: Sex = Field(description="Sex as stated by the learner.")
    age_band: str = Field(
        pattern=r"^(0-14|15-24|25-54|55-64|65\+)$",
        description="UIS age band (SDG 4.3.1 groups) on the day of the event, never the birth date.",
    )
    locality_code: str = Field(
        pattern=r"^[0-9]{5}$", description="GSO code (2025 code system) of the learner's ward or commune."
    )
    ethnic_minority: bool = Field(
        description="True for any ethnic group but the Kinh; the group itself is not sent."
    )
    support_categories: list[SupportCategory] = Field(
        description="Support-policy categories (declared and derived), sorted; empty when none."
    )
    learner_type: LearnerType = Field(
        description="Resident, teacher, public employee, industrial worker or student."
    )
