"""The kit tests' own events and topics: no team's contract is needed to test the plumbing."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar
from uuid import UUID, uuid4

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel
from contracts.registry import registered
from contracts.topics import FOREVER, Topic
from pydantic import Field

ITEM_PUBLISHED = "vn.hanoi.learningcity.kittest.item.published.v1"
MEMBER_JOINED = "vn.hanoi.learningcity.kittest.member.joined.v1"

ITEMS = Topic("kittest.items", 3, FOREVER, "Test items, keyed by item id.", (ITEM_PUBLISHED,))
MEMBERS = Topic("kittest.members", 3, FOREVER, "Test members, keyed by member id.", (MEMBER_JOINED,))


class ItemPublishedV1(EventModel):
    """A public, non-personal test event."""

    ce_type: ClassVar[str] = ITEM_PUBLISHED
    classification: ClassVar[DataClassification] = DataClassification.PUBLIC
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = ITEMS.name
    aggregate_field: ClassVar[str] = "item_id"

    item_id: UUID = Field(description="Aggregate id and message key.")
    code: str = Field(description="What the test handlers record.", pattern=r"^[A-Z0-9][A-Z0-9-]*$")


class MemberJoinedV1(EventModel):
    """An internal test event about a person (personal data)."""

    ce_type: ClassVar[str] = MEMBER_JOINED
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.PERSONAL
    topic: ClassVar[str] = MEMBERS.name
    aggregate_field: ClassVar[str] = "member_id"

    member_id: UUID = Field(description="Aggregate id and message key.")
    item_id: UUID = Field(description="The item the member joined.")


def new_item(code: str = "KIT-1", item_id: UUID | None = None) -> ItemPublishedV1:
    """A valid item event with a fresh id."""
    return ItemPublishedV1(item_id=item_id or uuid4(), code=code)


def new_member() -> MemberJoinedV1:
    """A valid member event with fresh ids."""
    return MemberJoinedV1(member_id=uuid4(), item_id=uuid4())


CITY_WRITERS = ("district-a", "district-b")
"""Two city systems that may also write the items topic (they number their events independently)."""


@contextmanager
def kit_events() -> Iterator[None]:
    """The test topics and events are known to the contracts registry inside the block."""
    with registered(ITEMS, ItemPublishedV1, city_writers=CITY_WRITERS), registered(MEMBERS, MemberJoinedV1):
        yield


async def record_seen(uow: Any, event: ItemPublishedV1) -> None:
    """The test handlers' effect: one `seen` row per handled item (duplicates would show as extra rows)."""
    await uow.connection.execute(
        "INSERT INTO seen (event_id, item_id, code) VALUES ($1, $2, $3)",
        str(event.item_id),
        event.item_id,
        event.code,
    )
