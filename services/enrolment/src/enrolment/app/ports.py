"""What enrolment's use cases need from the outside world, as protocols."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from servicekit.ports import UnitOfWorkPort

from enrolment.app.learner_query import LearnerFilter, LearnerPage, PageKey
from enrolment.domain.access import EVERYTHING, Reach
from enrolment.domain.learner import Learner
from enrolment.domain.lifecycle import Place, Status
from enrolment.domain.offering import Offering
from enrolment.domain.support import SupportGranted
from enrolment.domain.teacher import TeacherProfile


class Offerings(Protocol):
    """Offerings (the read model of content's events) with the seats taken here."""

    async def upsert_newer(self, offering: Offering) -> bool:
        """Keep this state unless a newer revision is kept already; seats taken are kept. True if kept."""
        ...

    async def get(self, offering_id: UUID, *, for_update: bool = False) -> Offering | None:
        """The offering; `for_update` locks it until the transaction ends (seats are counted on it)."""

    async def save(self, offering: Offering) -> None:
        """Store the seats taken."""


class Enrolments(Protocol):
    """Learners' enrolments on offerings."""

    async def add(self, place: Place) -> None:
        """Insert (at commit, with the outbox rows); a second enrolment of a learner on an offering raises
        AlreadyEnrolled (from the commit when two raced past the read)."""

    async def exists(self, offering_id: UUID, learner_id: UUID) -> bool:
        """True when the learner has an enrolment on the offering, in any state."""
        ...

    async def get(self, enrolment_id: UUID, *, for_update: bool = False) -> Place | None:
        """An enrolment, or None; `for_update` locks it until the transaction ends."""

    async def id_of(self, offering_id: UUID, learner_id: UUID) -> UUID | None:
        """The id of the learner's enrolment on the offering, or None."""

    async def waitlist(self, offering_id: UUID) -> list[Place]:
        """The offering's waitlisted enrolments, in the order they asked."""
        ...

    async def save(self, place: Place) -> None:
        """Store the state, progress and outcome."""

    async def forget_categories(self, learner_id: UUID) -> None:
        """Erasure: clear the ethnic-minority flag and support categories on the learner's enrolments."""


class Benefits(Protocol):
    """Support benefits granted on enrolments."""

    async def add(self, grants: list[SupportGranted]) -> None:
        """Record the grants."""

    async def of_learner(self, learner_id: UUID) -> list[SupportGranted]:
        """Every benefit granted to the learner."""
        ...


@dataclass(frozen=True)
class EnrolmentFilter:
    """Which enrolments a listing shows (None: any); never any outside the caller's reach."""

    learner_id: UUID | None = None
    offering_id: UUID | None = None
    status: Status | None = None
    reach: Reach = EVERYTHING


Position = tuple[datetime, UUID]
"""Where a page of enrolments ends: (requested at, id) of its last one."""


@dataclass(frozen=True)
class OfferingSeats:
    """An offering with its waitlist's length (seats left come from the offering)."""

    offering: Offering
    waitlisted: int


class Listings(Protocol):
    """Read-only queries for lists and dashboards."""

    async def enrolments(self, where: EnrolmentFilter, after: Position | None, limit: int) -> list[Place]:
        """Enrolments by (requested at, id), after a position."""
        ...

    async def offerings(self, after: UUID | None, limit: int) -> list[OfferingSeats]:
        """Offerings by id, after one."""
        ...

    async def offering(self, offering_id: UUID) -> OfferingSeats | None:
        """One offering with its waitlist's length."""


class Learners(Protocol):
    """Learner records (personal data stays in this service)."""

    async def save(self, learner: Learner, now: datetime) -> None:
        """Insert or update; a national id held by another learner raises DuplicateNationalId."""

    async def get(self, learner_id: UUID) -> Learner | None:
        """A learner, or None."""

    async def page(self, wanted: LearnerFilter, after: PageKey | None, limit: int) -> LearnerPage:
        """Up to `limit` learners (not erased) matching `wanted`, in registration order, after `after`."""
        ...


class TeacherProfiles(Protocol):
    """Teacher profiles of learners who teach."""

    async def save(self, profile: TeacherProfile) -> None:
        """Insert or replace."""

    async def get(self, learner_id: UUID) -> TeacherProfile | None:
        """The learner's teacher profile, or None when they do not teach."""

    async def delete(self, learner_id: UUID) -> None:
        """Erasure: remove the learner's teacher profile, if any."""


@dataclass(frozen=True)
class PlaceRequest:
    """What deciding a place needs, read at once: the learner, their teacher profile, whether they are
    enrolled already, and the offering (row-locked until the transaction ends: seats are counted on it)."""

    learner: Learner | None
    teacher: TeacherProfile | None
    enrolled: bool
    offering: Offering | None


class PlaceRequests(Protocol):
    """The one read before a place is decided (one round trip instead of four)."""

    async def read(self, offering_id: UUID, learner_id: UUID) -> PlaceRequest:
        """Learner, teacher profile, whether enrolled, and the offering locked for update."""
        ...


class NationalIds(Protocol):
    """Turns a national id into the keyed hash that is all the service keeps of it."""

    def hash(self, national_id: str) -> str:
        """The keyed hash."""
        ...


class UnitOfWork(UnitOfWorkPort, Protocol):
    """One transaction over enrolment's repositories."""

    @property
    def offerings(self) -> Offerings:
        """Offerings, on this transaction."""
        ...

    @property
    def benefits(self) -> Benefits:
        """Granted benefits, on this transaction."""
        ...

    @property
    def listings(self) -> Listings:
        """Read-only listings, on this transaction."""
        ...

    @property
    def enrolments(self) -> Enrolments:
        """Enrolments, on this transaction."""
        ...

    @property
    def learners(self) -> Learners:
        """Learners, on this transaction."""
        ...

    @property
    def teacher_profiles(self) -> TeacherProfiles:
        """Teacher profiles, on this transaction."""
        ...

    @property
    def place_requests(self) -> PlaceRequests:
        """The read before a place is decided, on this transaction."""
        ...
