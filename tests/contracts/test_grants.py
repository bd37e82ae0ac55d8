"""The ACL grants derived from the declared rights: least privilege, and the documented table is current."""

from pathlib import Path

from contracts.grants import Grant, grant_table, grants

DOC = Path(__file__).resolve().parents[2] / "docs" / "security-kafka.md"


def _of(principal: str) -> set[tuple[str, str, str]]:
    return {(g.resource, g.name, g.operation) for g in grants() if g.principal == principal}


def test_only_read_write_and_describe_on_named_topics_and_groups() -> None:
    assert {g.operation for g in grants()} == {"READ", "WRITE", "DESCRIBE"}
    assert {g.resource for g in grants()} == {"topic", "group"}


def test_enrolment_writes_its_topics_reads_its_inputs_and_writes_their_dead_letters_only() -> None:
    assert _of("enrolment") == {
        ("topic", "enrolment.enrolments", "WRITE"),
        ("topic", "enrolment.enrolments", "DESCRIBE"),
        ("topic", "enrolment.learners", "WRITE"),
        ("topic", "enrolment.learners", "DESCRIBE"),
        ("topic", "enrolment.learner-contacts", "WRITE"),
        ("topic", "enrolment.learner-contacts", "DESCRIBE"),
        ("topic", "content.offerings", "READ"),
        ("topic", "content.offerings", "DESCRIBE"),
        ("topic", "content.offerings.dlq", "WRITE"),
        ("topic", "content.offerings.dlq", "DESCRIBE"),
        ("topic", "city.learning-activity", "READ"),
        ("topic", "city.learning-activity", "DESCRIBE"),
        ("topic", "city.learning-activity.dlq", "WRITE"),
        ("topic", "city.learning-activity.dlq", "DESCRIBE"),
        ("group", "enrolment", "READ"),
    }


def test_content_reads_nothing_and_city_system_only_writes_inbound() -> None:
    assert {op for _, _, op in _of("content")} == {"WRITE", "DESCRIBE"}
    assert _of("city-lms") == {
        ("topic", "city.learning-activity", "WRITE"),
        ("topic", "city.learning-activity", "DESCRIBE"),
        ("topic", "city.attendance", "WRITE"),
        ("topic", "city.attendance", "DESCRIBE"),
    }


def test_prefix_applies_to_topics_and_groups() -> None:
    assert Grant("reporting", "group", "t1.reporting", "READ") in grants("t1.")
    assert all(g.name.startswith("t1.") for g in grants("t1."))


def test_documented_acl_table_is_the_derived_one() -> None:
    assert grant_table() in DOC.read_text()


def test_only_notifications_reads_the_restricted_contacts() -> None:
    contacts = "enrolment.learner-contacts"
    readers = {g.principal for g in grants() if g.name == contacts and g.operation == "READ"}
    assert readers == {"notifications"}
    assert not {name for _, name, _ in _of("reporting")} & {"enrolment.learner-contacts"}
