"""The dimensions equity statistics are cut by, and the reference tables that validate them."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


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


@dataclass(frozen=True)
class Dimensions:
    """What statistics may know of a learner: no name, no birth date, no ethnic group, no contact."""

    sex: Sex
    age_band: str
    locality_code: str
    ethnic_minority: bool
    support_categories: frozenset[SupportCategory]
    learner_type: LearnerType


AGE_BANDS = ((0, 14, "0-14"), (15, 24, "15-24"), (25, 54, "25-54"), (55, 64, "55-64"), (65, 200, "65+"))
"""UIS age groups of SDG 4.3.1 (15-24, 25-54, 55-64), with the ages outside them."""


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years of age on `day`."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def age_band(date_of_birth: date, day: date) -> str:
    """The UIS age band on `day`."""
    age = age_on(date_of_birth, day)
    return next(label for low, high, label in AGE_BANDS if low <= age <= high)


@dataclass(frozen=True)
class ReferenceTables:
    """The codes a learner record may use (loaded from the shipped reference data by an adapter)."""

    localities: frozenset[str]
    ethnic_groups: frozenset[str]
    minority_groups: frozenset[str]
    difficult_areas: frozenset[str] = frozenset()
