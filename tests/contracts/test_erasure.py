"""Every topic that holds personal data says how a learner's data is erased from it, and the rule holds."""

from contracts.classification import DataCategory, DataClassification
from contracts.registry import resolve
from contracts.topics import FOREVER, all_topic_specs, topic


def _personal(name: str) -> list[DataCategory]:
    return [resolve(t).category for t in topic(name).event_types if resolve(t).category.is_personal]


def test_topics_with_personal_data_declare_an_erasure_strategy() -> None:
    for spec in all_topic_specs():
        if _personal(spec.name):
            assert spec.erasure.value != "not-personal", spec.name


def test_enrolments_keep_history_and_are_erased_by_pseudonym_shredding() -> None:
    enrolments = topic("enrolment.enrolments")
    assert enrolments.retention_ms == FOREVER  # reporting rebuilds its projections by replay
    assert enrolments.erasure.value == "pseudonym-shredding"
    assert topic("enrolment.enrolments.dlq").erasure.value == "expiry"


def test_data_kept_forever_is_at_most_internal_and_pseudonymous() -> None:
    """Forever is only acceptable when erasing the pseudonym's link anonymises what stays on the topic."""
    for spec in all_topic_specs():
        if spec.retention_ms != FOREVER:
            continue
        for ce_type in spec.event_types:
            cls = resolve(ce_type)
            assert cls.category is not DataCategory.SENSITIVE, ce_type
            assert DataClassification.INTERNAL.permits(cls.classification), ce_type
