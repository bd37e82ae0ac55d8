"""Support policies: which benefits a learner's categories bring, as a dated rules table."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from enrolment.domain.dimensions import SupportCategory


class BenefitKind(StrEnum):
    """What a support policy gives."""

    FEE_WAIVER = "fee_waiver"
    FEE_REDUCTION_70 = "fee_reduction_70"
    FEE_REDUCTION_50 = "fee_reduction_50"
    STUDY_COST_SUPPORT = "study_cost_support"
    STIPEND = "stipend"
    DEVICE_LOAN = "device_loan"


@dataclass(frozen=True)
class PolicyRule:
    """One row of the table: a category brings a benefit between two dates, on a legal basis."""

    category: SupportCategory
    benefit: BenefitKind
    valid_from: date
    valid_to: date | None
    legal_basis: str
    amount_vnd_per_month: int | None = None
    max_months_per_year: int | None = None

    def in_force(self, on: date) -> bool:
        """True on the days the rule applies."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class SupportGranted:
    """Domain event: a learner was granted a benefit for an enrolment."""

    learner_id: UUID
    enrolment_id: UUID
    category: SupportCategory
    benefit: BenefitKind
    legal_basis: str
    granted_on: date


@dataclass(frozen=True)
class SupportPolicy:
    """The rules table (loaded from data: a new decree is a data change, not a code change)."""

    rules: tuple[PolicyRule, ...]

    def benefits_for(self, categories: frozenset[SupportCategory], on: date) -> list[PolicyRule]:
        """The rules in force for these categories; one rule per benefit kind, the first in table order."""
        chosen: dict[BenefitKind, PolicyRule] = {}
        for rule in self.rules:
            if rule.category in categories and rule.in_force(on) and rule.benefit not in chosen:
                chosen[rule.benefit] = rule
        return list(chosen.values())

    def grant(
        self, learner_id: UUID, enrolment_id: UUID, categories: frozenset[SupportCategory], on: date
    ) -> list[SupportGranted]:
        """The benefits granted on an enrolment, as events."""
        return [
            SupportGranted(learner_id, enrolment_id, r.category, r.benefit, r.legal_basis, on)
            for r in self.benefits_for(categories, on)
        ]
