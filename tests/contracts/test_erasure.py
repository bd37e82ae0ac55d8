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
        if spec.retention_ms != FOREVER or spec.compacted:  # compacted: see the test below
            continue
        for ce_type in spec.event_types:
            cls = resolve(ce_type)
            assert cls.category is not DataCategory.SENSITIVE, ce_type
            assert DataClassification.INTERNAL.permits(cls.classification), ce_type


def test_restricted_contacts_are_on_a_compacted_topic_that_erasure_supersedes() -> None:
    """Compaction keeps one record per learner id; the erasure record (same topic, same key) carries no
    contact, so after erasure the contacts are gone from the log within the compaction lag."""
    contacts = topic("enrolment.learner-contacts")
    assert contacts.erasure.value == "compaction" and contacts.compacted
    config = contacts.kafka_config()
    assert config["cleanup.policy"] == "compact"
    assert int(config["max.compaction.lag.ms"]) <= 7 * 86_400_000
    models = [resolve(t) for t in contacts.event_types]
    assert all(m.aggregate_field == "learner_id" for m in models)  # one key per learner: one record kept
    erased = resolve("vn.hanoi.learningcity.enrolment.learner_contacts.erased.v1")
    assert erased.topic == contacts.name and set(erased.model_fields) == {"learner_id", "erased_at"}
    assert topic("enrolment.learner-contacts.dlq").erasure.value == "expiry"


def test_only_compacted_topics_carry_restricted_events() -> None:
    for spec in all_topic_specs():
        if any(resolve(t).classification is DataClassification.RESTRICTED for t in spec.event_types):
            assert spec.compacted or spec.is_dead_letter, spec.name
