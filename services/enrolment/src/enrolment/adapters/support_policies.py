"""The support-policy table shipped with the service (data/support_policies.csv): decrees are data."""

import csv
import functools
from datetime import date
from importlib import resources

from enrolment.domain.dimensions import SupportCategory
from enrolment.domain.support import BenefitKind, PolicyRule, SupportPolicy


@functools.cache
def support_policy() -> SupportPolicy:
    """The rules, in table order (the first rule of a benefit kind in force wins)."""
    text = resources.files("enrolment").joinpath("data/support_policies.csv").read_text(encoding="utf-8")
    return SupportPolicy(tuple(_rule(row) for row in csv.DictReader(text.splitlines())))


def _rule(row: dict[str, str]) -> PolicyRule:
    return PolicyRule(
        SupportCategory(row["category"]),
        BenefitKind(row["benefit"]),
        date.fromisoformat(row["valid_from"]),
        date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
        row["legal_basis"],
        int(row["amount_vnd_per_month"]) if row["amount_vnd_per_month"] else None,
        int(row["max_months_per_year"]) if row["max_months_per_year"] else None,
    )
