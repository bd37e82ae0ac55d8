"""The declared Kafka rights cover every topic, name known principals, and match the kit's ce_source."""

from contracts.registry import all_events
from contracts.rights import PRINCIPALS, TOPIC_RIGHTS, PrincipalKind, principal, rights_for, trusted_sources
from contracts.topics import INBOUND_TOPICS, TOPICS
from servicekit.settings import ServiceSettings


def test_every_domain_and_inbound_topic_has_declared_rights() -> None:
    assert {t.name for t in (*TOPICS, *INBOUND_TOPICS)} <= {r.topic for r in TOPIC_RIGHTS}


def test_rights_name_only_declared_principals() -> None:
    names = {p.name for p in PRINCIPALS}
    for rights in TOPIC_RIGHTS:
        assert {rights.producer, *rights.consumers} <= names


def test_each_event_is_trusted_only_from_its_producing_service() -> None:
    for cls in all_events():
        producer = cls.event_type().producer
        if producer == "city":  # inbound: trusted from its city-system writers, each under its own source
            city_lms = "/vn/hanoi/city/city-lms"
            xapi = "/vn/hanoi/learningcity/reporting"  # reporting's xAPI endpoint, through its outbox
            assert trusted_sources(cls.topic) == ({city_lms, xapi} if "activity" in cls.topic else {city_lms})
            continue
        assert rights_for(cls.topic).producer == producer
        assert trusted_sources(cls.topic) == {f"/vn/hanoi/learningcity/{producer}"}


def test_trusted_source_is_what_the_kit_outbox_sends() -> None:
    settings = ServiceSettings(service_name="content", database_url="postgresql://x")  # type: ignore[arg-type]
    assert trusted_sources("content.courses") == {settings.source}


def test_city_systems_write_only_inbound_topics_and_read_nothing() -> None:
    city = {p.name for p in PRINCIPALS if p.kind is PrincipalKind.CITY_SYSTEM}
    assert city, "a sample city-system principal is declared"
    for rights in TOPIC_RIGHTS:
        assert not city & set(rights.consumers)
        if rights.producer in city:
            assert rights.topic.startswith("city.")
            assert principal(rights.producer).source.startswith("/vn/hanoi/city/")


def test_narrowest_clearance_is_the_highest_level_and_only_the_categories_handled() -> None:
    from contracts.classification import Clearance, DataCategory, DataClassification
    from contracts.events import CoursePublishedV1, EnrolmentConfirmedV1
    from contracts.rights import narrowest_clearance

    assert narrowest_clearance(CoursePublishedV1) == Clearance(DataClassification.PUBLIC)
    assert narrowest_clearance(EnrolmentConfirmedV1) == Clearance(
        DataClassification.INTERNAL, frozenset({DataCategory.PERSONAL})
    )
    both = narrowest_clearance(CoursePublishedV1, EnrolmentConfirmedV1)
    assert both.max_classification is DataClassification.INTERNAL
    assert both.categories == {DataCategory.NON_PERSONAL, DataCategory.PERSONAL}
