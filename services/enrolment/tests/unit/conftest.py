"""In-memory enrolment repositories and unit of work (use-case tests), with the clock and ids."""

import copy
from dataclasses import replace
from datetime import UTC, datetime
from uuid import UUID

import pytest
from enrolment.app.learner_query import LearnerFilter, LearnerPage, PageKey
from enrolment.app.ports import EnrolmentFilter, OfferingSeats, PlaceRequest, Position
from enrolment.domain.enrolment import AlreadyEnrolled
from enrolment.domain.learner import DuplicateNationalId, Learner
from enrolment.domain.lifecycle import Place, Status
from enrolment.domain.offering import Offering
from enrolment.domain.support import SupportGranted
from enrolment.domain.teacher import TeacherProfile
from servicekit.ports import Dependencies
from servicekit.testing import FakeRepository, FakeUnitOfWork, FixedClock, SequentialIds


class FakeOfferings(FakeRepository[UUID, Offering]):
    async def upsert_newer(self, offering: Offering) -> bool:
        known = self.items.get(offering.id)
        if known and not (known.revision < offering.revision or known.revision == offering.revision == 0):
            return False
        kept = copy.copy(offering)
        if known:
            kept.confirmed, kept.confirmed_unsupported = known.confirmed, known.confirmed_unsupported
        self.items[offering.id] = kept
        return True

    async def get(self, offering_id: UUID, *, for_update: bool = False) -> Offering | None:
        found = self.items.get(offering_id)
        return copy.copy(found) if found else None

    async def save(self, offering: Offering) -> None:
        self.items[offering.id] = copy.copy(offering)


class FakeEnrolments(FakeRepository[UUID, Place]):
    async def add(self, place: Place) -> None:
        if await self.exists(place.offering_id, place.applicant.learner_id):
            raise AlreadyEnrolled("the learner is already enrolled on this offering")
        self.items[place.id] = self.seen(place)

    async def exists(self, offering_id: UUID, learner_id: UUID) -> bool:
        return any(
            (p.offering_id, p.applicant.learner_id) == (offering_id, learner_id) for p in self.items.values()
        )

    async def id_of(self, offering_id: UUID, learner_id: UUID) -> UUID | None:
        return next(
            (
                p.id
                for p in self.items.values()
                if (p.offering_id, p.applicant.learner_id) == (offering_id, learner_id)
            ),
            None,
        )

    async def get(self, enrolment_id: UUID, *, for_update: bool = False) -> Place | None:
        found = self.items.get(enrolment_id)
        return self.seen(found) if found else None

    async def waitlist(self, offering_id: UUID) -> list[Place]:
        waiting = [
            p for p in self.items.values() if p.offering_id == offering_id and p.status is Status.WAITLISTED
        ]
        return [self.seen(p) for p in sorted(waiting, key=lambda p: (p.requested_at, p.id))]

    async def save(self, place: Place) -> None:
        self.items[place.id] = place

    async def forget_categories(self, learner_id: UUID) -> None:
        for p in self.items.values():
            if p.applicant.learner_id == learner_id:
                dims = replace(p.applicant.dimensions, ethnic_minority=False, support_categories=frozenset())
                p.applicant = replace(p.applicant, dimensions=dims)


class FakeBenefits(FakeRepository[tuple[UUID, str], SupportGranted]):
    async def add(self, grants: list[SupportGranted]) -> None:
        for g in grants:
            self.items[(g.enrolment_id, g.benefit.value)] = g

    async def of_learner(self, learner_id: UUID) -> list[SupportGranted]:
        return [g for g in self.items.values() if g.learner_id == learner_id]


class FakeListings:
    def __init__(self, uow: "FakeEnrolmentUnitOfWork") -> None:
        self._uow = uow

    async def enrolments(self, where: EnrolmentFilter, after: Position | None, limit: int) -> list[Place]:
        places = sorted(self._uow.enrolments.items.values(), key=lambda p: (p.requested_at, p.id))
        return [
            p
            for p in places
            if where.learner_id in (None, p.applicant.learner_id)
            and where.offering_id in (None, p.offering_id)
            and where.status in (None, p.status)
            and where.reach.covers(p.applicant.learner_id, p.applicant.dimensions.locality_code)
            and (after is None or (p.requested_at, p.id) > after)
        ][:limit]

    async def offerings(self, after: UUID | None, limit: int) -> list[OfferingSeats]:
        ids = sorted(i for i in self._uow.offerings.items if after is None or i > after)[:limit]
        return [s for i in ids if (s := await self.offering(i))]

    async def offering(self, offering_id: UUID) -> OfferingSeats | None:
        o = self._uow.offerings.items.get(offering_id)
        places = self._uow.enrolments.items.values()
        waiting = sum(p.offering_id == offering_id and p.status is Status.WAITLISTED for p in places)
        return OfferingSeats(o, waiting) if o else None


class FakeLearners(FakeRepository[UUID, Learner]):
    def __init__(self, uow: FakeUnitOfWork) -> None:
        super().__init__(uow)
        self.registered_at: dict[UUID, datetime] = {}

    async def page(self, wanted: LearnerFilter, after: PageKey | None, limit: int) -> LearnerPage:
        keyed = sorted((self.registered_at[k], k) for k, x in self.items.items() if _matches(x, wanted))
        keyed = [key for key in keyed if after is None or key > (after.registered_at, after.learner_id)]
        items = [self.seen(self.items[k]) for _, k in keyed[:limit]]
        last = keyed[limit - 1] if len(keyed) > limit else None
        return LearnerPage(items, PageKey(*last) if last else None)

    async def save(self, learner: Learner, now: datetime) -> None:
        self.registered_at.setdefault(learner.id, now)
        hashed = learner.national_id_hash
        if hashed and any(k.national_id_hash == hashed and k.id != learner.id for k in self.items.values()):
            raise DuplicateNationalId()
        self.items[learner.id] = self.seen(learner)

    async def get(self, learner_id: UUID) -> Learner | None:
        found = self.items.get(learner_id)
        return self.seen(found) if found else None


def _matches(learner: Learner, wanted: LearnerFilter) -> bool:
    d = learner.dimensions
    return not learner.erased and all(
        [
            wanted.locality_code in (None, d.locality_code),
            wanted.localities is None or d.locality_code in wanted.localities,
            wanted.sex in (None, d.sex),
            wanted.learner_type in (None, d.learner_type),
            wanted.support_category is None or wanted.support_category in d.support_categories,
        ]
    )


class FakeTeacherProfiles(FakeRepository[UUID, TeacherProfile]):
    async def save(self, profile: TeacherProfile) -> None:
        self.items[profile.learner_id] = self.seen(profile)

    async def get(self, learner_id: UUID) -> TeacherProfile | None:
        found = self.items.get(learner_id)
        return self.seen(found) if found else None

    async def delete(self, learner_id: UUID) -> None:
        self.items.pop(learner_id, None)


class FakePlaceRequests:
    """The one read, from the other fakes (as the SQL joins their tables)."""

    def __init__(self, uow: "FakeEnrolmentUnitOfWork") -> None:
        self._uow = uow

    async def read(self, offering_id: UUID, learner_id: UUID) -> PlaceRequest:
        u = self._uow
        learner = await u.learners.get(learner_id)
        teacher = await u.teacher_profiles.get(learner_id) if learner else None
        enrolled = learner is not None and await u.enrolments.exists(offering_id, learner_id)
        return PlaceRequest(learner, teacher, enrolled, await u.offerings.get(offering_id, for_update=True))


class FakeEnrolmentUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.offerings = FakeOfferings(self)
        self.enrolments = FakeEnrolments(self)
        self.benefits = FakeBenefits(self)
        self.listings = FakeListings(self)
        self.learners = FakeLearners(self)
        self.teacher_profiles = FakeTeacherProfiles(self)
        self.place_requests = FakePlaceRequests(self)


NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)


@pytest.fixture
def uow() -> FakeEnrolmentUnitOfWork:
    return FakeEnrolmentUnitOfWork()


@pytest.fixture
def deps() -> Dependencies:
    return Dependencies(FixedClock(NOW), SequentialIds())
