"""Support policies as a dated rules table: categories bring benefits while a rule is in force."""

from datetime import date
from uuid import uuid4

from enrolment.domain.dimensions import SupportCategory as C
from enrolment.domain.support import BenefitKind as B
from enrolment.domain.support import PolicyRule, SupportGranted, SupportPolicy

OLD = PolicyRule(C.DISABILITY, B.FEE_WAIVER, date(2021, 10, 15), date(2025, 9, 2), "Decree 81/2021")
NEW = PolicyRule(C.DISABILITY, B.FEE_WAIVER, date(2025, 9, 3), None, "Decree 238/2025")
NEAR_POOR = PolicyRule(C.NEAR_POOR_HOUSEHOLD, B.FEE_REDUCTION_50, date(2021, 10, 15), None, "Decree 81/2021")
DEVICE = PolicyRule(C.DIFFICULT_AREA, B.DEVICE_LOAN, date(2026, 1, 1), None, "city programme")
POLICY = SupportPolicy((OLD, NEW, NEAR_POOR, DEVICE))


def test_the_rule_in_force_on_the_day_applies():
    assert POLICY.benefits_for(frozenset({C.DISABILITY}), date(2024, 1, 1)) == [OLD]
    assert POLICY.benefits_for(frozenset({C.DISABILITY}), date(2026, 1, 1)) == [NEW]


def test_each_benefit_once_and_only_for_the_learners_categories():
    on = date(2026, 2, 1)

    rules = POLICY.benefits_for(frozenset({C.DISABILITY, C.DIFFICULT_AREA, C.WOMAN}), on)

    assert [r.benefit for r in rules] == [B.FEE_WAIVER, B.DEVICE_LOAN]
    assert POLICY.benefits_for(frozenset({C.WOMAN}), on) == []


def test_granting_announces_one_event_per_benefit():
    learner, enrolment, on = uuid4(), uuid4(), date(2026, 2, 1)

    granted = POLICY.grant(learner, enrolment, frozenset({C.NEAR_POOR_HOUSEHOLD}), on)

    assert granted == [
        SupportGranted(learner, enrolment, C.NEAR_POOR_HOUSEHOLD, B.FEE_REDUCTION_50, "Decree 81/2021", on)
    ]
