"""What campaigns and reminders need: the audience read model, campaigns, places and offerings."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

from notifications.domain.audience import AudienceMember
from notifications.domain.campaign import Campaign, Segment
from notifications.domain.offering import Offering


class Audience(Protocol):
    """Learners' non-identifying dimensions, for campaign segments."""

    async def save(self, member: AudienceMember) -> None:
        """Insert or update (unless what is stored is newer)."""

    async def enrolled(self, learner_id: UUID) -> None:
        """Remember the learner enrolled at least once."""

    async def enrolled_all(self, learner_ids: Iterable[UUID]) -> None:
        """Remember each of these learners enrolled at least once."""

    async def forget(self, learner_id: UUID) -> None:
        """Delete the learner's row."""

    async def count(self, segment: Segment) -> int:
        """How many learners the segment matches now."""
        ...

    async def next_batch(self, segment: Segment, after: UUID | None, limit: int) -> list[UUID]:
        """The next learners of the segment in id order after `after`."""
        ...


class Campaigns(Protocol):
    """Campaigns."""

    async def add(self, campaign: Campaign) -> None:
        """Insert a campaign."""

    async def get(self, campaign_id: UUID, *, lock: bool = False) -> Campaign | None:
        """The campaign, or None."""
        ...

    async def claim_due(self, now: datetime) -> Campaign | None:
        """A due campaign no other instance works on, locked; or None."""
        ...

    async def save(self, campaign: Campaign) -> None:
        """Store status and progress."""


class Places(Protocol):
    """Which learners hold a place on which offering."""

    async def hold(self, enrolment_id: UUID, learner_id: UUID, offering_id: UUID) -> None:
        """The learner holds a place."""

    async def hold_all(self, places: Sequence[tuple[UUID, UUID, UUID]]) -> None:
        """Each (enrolment, learner, offering) holds a place; one entry per enrolment."""

    async def release(self, enrolment_id: UUID) -> None:
        """The place is given up."""

    async def release_all(self, enrolment_ids: Iterable[UUID]) -> None:
        """These places are given up."""

    async def interested_all(self, pairs: Iterable[tuple[UUID, UUID]]) -> None:
        """Each (learner, offering): the learner asked for a place on the offering."""

    async def holders(self, offering_id: UUID) -> list[UUID]:
        """The learners holding a place on the offering."""
        ...

    async def interested(self, learner_id: UUID, offering_id: UUID) -> None:
        """The learner asked for a place on the offering."""

    async def forget(self, learner_id: UUID) -> None:
        """Delete the learner's places and interests."""


class Offerings(Protocol):
    """Offerings as content announced them, and whose reminders are recorded."""

    async def save(self, offering: Offering) -> None:
        """Insert or update (unless a newer revision is stored)."""

    async def claim_to_remind(self, first: date, last: date) -> Offering | None:
        """A running offering starting between the dates, not yet reminded for that start, locked."""
        ...

    async def reminded(self, offering_id: UUID, starts_on: date) -> None:
        """Its reminders for this start date are recorded."""
