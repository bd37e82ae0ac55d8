"""What reporting's use cases need from the outside world, as protocols."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from servicekit.ports import UnitOfWorkPort

from reporting.domain.learners import EnrolmentFact, LearnerErasure, LearnerProfile
from reporting.domain.participation import ParticipantCounts
from reporting.domain.participation_tables import Participation


class EnrolmentCounts(Protocol):
    """Confirmed enrolments per course (read from the enrolment facts)."""

    async def all(self) -> dict[str, int]:
        """Every course's count."""


class Learners(Protocol):
    """Each learner's anonymous dimensions (a projection of `enrolment.learners`)."""

    async def save(self, profiles: Sequence[LearnerProfile]) -> None:
        """Store each profile unless a newer one is stored or the learner was erased."""

    async def erase(self, erasures: Sequence[LearnerErasure]) -> None:
        """Freeze each learner's dimensions: no later profile changes them."""


class EnrolmentFacts(Protocol):
    """Confirmed enrolments, one row each (a projection of `enrolment.enrolments`)."""

    async def add(self, facts: Sequence[EnrolmentFact]) -> None:
        """Store the facts; one already stored is left as it is."""

    async def participants(self, since: datetime, until: datetime) -> ParticipantCounts:
        """Distinct learners with an enrolment confirmed in [since, until), by age band, sex and locality."""
        ...


class Snapshots(Protocol):
    """Published indicator tables, one per breakdown and period end, never rewritten."""

    async def get(self, by: str, until: date) -> Participation | None:
        """The snapshot of this breakdown and period end, if published."""
        ...

    async def publish(self, by: str, result: Participation, at: datetime) -> Participation:
        """Keep `result` unless one is kept already; return the kept one."""
        ...


class UnitOfWork(UnitOfWorkPort, Protocol):
    """One transaction over reporting's projections."""

    @property
    def enrolment_counts(self) -> EnrolmentCounts:
        """The enrolment-count projection, on this transaction."""
        ...

    @property
    def learners(self) -> Learners:
        """The learner-dimension projection, on this transaction."""
        ...

    @property
    def enrolment_facts(self) -> EnrolmentFacts:
        """The enrolment-fact projection, on this transaction."""
        ...

    @property
    def snapshots(self) -> Snapshots:
        """The published snapshots, on this transaction."""
        ...
