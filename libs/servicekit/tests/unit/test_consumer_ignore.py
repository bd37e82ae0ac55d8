"""Which events a consumer takes: its models, minus those its `ignore` predicate declares no-ops."""

from uuid import uuid4

from contracts.classification import Clearance, DataCategory, DataClassification
from servicekit.consumer import EventConsumer

from libs.servicekit.tests.kit_events import ItemPublishedV1, MemberJoinedV1

ANY = Clearance(DataClassification.INTERNAL, frozenset(DataCategory))


def test_an_ignored_event_is_not_taken_and_the_others_of_its_model_are() -> None:
    consumer = EventConsumer("kit", ANY)

    @consumer.on(ItemPublishedV1, ignore=lambda e: e.code == "NOOP")
    async def record(event: ItemPublishedV1, uow: object) -> None:
        return None

    assert consumer.handles(ItemPublishedV1(item_id=uuid4(), code="REAL"))
    assert not consumer.handles(ItemPublishedV1(item_id=uuid4(), code="NOOP"))


def test_a_model_without_a_handler_is_not_taken() -> None:
    consumer = EventConsumer("kit", ANY)
    assert not consumer.handles(MemberJoinedV1.model_construct())
