"""In-memory audience, campaigns and places (who a campaign or reminder reaches) for the use-case tests."""

from collections.abc import Iterable, Sequence
from datetime import datetime
from uuid import UUID

from notifications.domain.audience import AudienceMember
from notifications.domain.campaign import Campaign, Segment
from servicekit.testing import FakeRepository


class FakeAudience(FakeRepository[UUID, tuple[AudienceMember, bool]]):
    async def save(self, member: AudienceMember) -> None:
        known = self.items.get(member.learner_id)
        if known is None or known[0].changed_at <= member.changed_at:
            self.items[member.learner_id] = (member, bool(known and known[1]))

    async def enrolled(self, learner_id: UUID) -> None:
        if learner_id in self.items:
            self.items[learner_id] = (self.items[learner_id][0], True)

    async def enrolled_all(self, learner_ids: Iterable[UUID]) -> None:
        for learner_id in set(learner_ids):
            await self.enrolled(learner_id)

    async def forget(self, learner_id: UUID) -> None:
        self.items.pop(learner_id, None)

    def _matching(self, s: Segment) -> list[UUID]:
        def fits(m: AudienceMember, enrolled: bool) -> bool:
            return (
                (not s.localities or m.locality_code in s.localities)
                and (not s.sexes or m.sex in s.sexes)
                and (not s.age_bands or m.age_band in s.age_bands)
                and (s.ethnic_minority is None or m.ethnic_minority == s.ethnic_minority)
                and (not s.support_categories or bool(m.support_categories & set(s.support_categories)))
                and (not s.learner_types or m.learner_type in s.learner_types)
                and not (s.not_yet_enrolled and enrolled)
            )

        return sorted(k for k, (m, e) in self.items.items() if fits(m, e))

    async def count(self, segment: Segment) -> int:
        return len(self._matching(segment))

    async def next_batch(self, segment: Segment, after: UUID | None, limit: int) -> list[UUID]:
        return [k for k in self._matching(segment) if after is None or k > after][:limit]


class FakeCampaigns(FakeRepository[UUID, Campaign]):
    async def add(self, campaign: Campaign) -> None:
        self.items[campaign.id] = self.seen(campaign)

    async def get(self, campaign_id: UUID, *, lock: bool = False) -> Campaign | None:
        found = self.items.get(campaign_id)
        return None if found is None else self.seen(found)

    async def claim_due(self, now: datetime) -> Campaign | None:
        due = [
            c for c in self.items.values() if c.status in ("scheduled", "running") and c.scheduled_at <= now
        ]
        return self.seen(min(due, key=lambda c: c.scheduled_at)) if due else None

    async def save(self, campaign: Campaign) -> None:
        self.items[campaign.id] = self.seen(campaign)


class FakePlaces(FakeRepository[UUID, tuple[UUID, UUID, bool]]):
    async def hold(self, enrolment_id: UUID, learner_id: UUID, offering_id: UUID) -> None:
        self.items[enrolment_id] = (learner_id, offering_id, True)

    async def release(self, enrolment_id: UUID) -> None:
        if enrolment_id in self.items:
            learner, offering, _ = self.items[enrolment_id]
            self.items[enrolment_id] = (learner, offering, False)

    async def holders(self, offering_id: UUID) -> list[UUID]:
        return sorted(
            {
                learner
                for learner, offering, active in self.items.values()
                if offering == offering_id and active
            }
        )

    async def hold_all(self, places: Sequence[tuple[UUID, UUID, UUID]]) -> None:
        for enrolment_id, learner_id, offering_id in places:
            await self.hold(enrolment_id, learner_id, offering_id)

    async def release_all(self, enrolment_ids: Iterable[UUID]) -> None:
        for enrolment_id in enrolment_ids:
            await self.release(enrolment_id)

    async def interested(self, learner_id: UUID, offering_id: UUID) -> None:
        pass  # interests are only read by the audience's SQL

    async def interested_all(self, pairs: Iterable[tuple[UUID, UUID]]) -> None:
        pass

    async def forget(self, learner_id: UUID) -> None:
        self.items = {k: v for k, v in self.items.items() if v[0] != learner_id}
