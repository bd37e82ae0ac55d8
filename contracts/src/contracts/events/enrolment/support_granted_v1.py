"""``vn.hanoi.learningcity.enrolment.support.granted.v1``: a learner was granted a support benefit."""

from datetime import date
from enum import StrEnum
from typing import ClassVar

from pydantic import ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS, EnrolmentFacts
from contracts.events.enrolment.learner_dimensions import SupportCategory


class Benefit(StrEnum):
    """What a support policy gives."""

    FEE_WAIVER = "fee_waiver"
    FEE_REDUCTION_70 = "fee_reduction_70"
    FEE_REDUCTION_50 = "fee_reduction_50"
    STUDY_COST_SUPPORT = "study_cost_support"
    STIPEND = "stipend"
    DEVICE_LOAN = "device_loan"


class SupportGrantedV1(EventModel, EnrolmentFacts):
    """A learner whose enrolment was confirmed was granted a benefit of a support policy (one event per
    benefit), under the legal basis named.

    Personal data: pseudonymous (learner id and non-identifying dimensions only; classified internal).
    """

    model_config = ConfigDict(
        title="SupportGrantedV1",
        json_schema_extra={
            "examples": [
                {
                    **EXAMPLE_FACTS,
                    "support_category": "ethnic_minority",
                    "benefit": "fee_waiver",
                    "legal_basis": "Decree 238/2025/ND-CP",
                    "granted_on": "2027-03-01",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.enrolment.support.granted.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = "enrolment.enrolments"
    aggregate_field: ClassVar[str] = "enrolment_id"

    support_category: SupportCategory = Field(description="The support category that brought the benefit.")
    benefit: Benefit = Field(description="The benefit granted.")
    legal_basis: str = Field(min_length=1, max_length=200, description="The decree or programme granting it.")
    granted_on: date = Field(description="The day it was granted (ISO 8601 date, Hanoi time).")
