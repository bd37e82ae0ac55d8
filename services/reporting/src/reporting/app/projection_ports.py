"""Ports of the projections built from events: learners, enrolments, offerings, activity."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from reporting.domain.activity import ActivityFact
from reporting.domain.enrolment_indicator import EnrolmentBreakdown, EnrolmentCell, GroupCounts, Programme
from reporting.domain.enrolment_records import EnrolmentRecord, GrantFact
from reporting.domain.learners import EnrolmentFact, LearnerErasure, LearnerProfile
from reporting.domain.offerings import OfferingDimensions
from reporting.domain.participation import ParticipantCounts


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


class EnrolmentRecords(Protocol):
    """Each enrolment's lifecycle and the support granted (projections of `enrolment.enrolments`)."""

    async def add(self, records: Sequence[EnrolmentRecord]) -> None:
        """Merge each event into its enrolment's row: later stages win, the earliest seat time is kept."""

    async def add_grants(self, grants: Sequence[GrantFact]) -> None:
        """Store the grants; one already stored is left as it is."""

    async def counts(
        self, by: EnrolmentBreakdown, since: datetime, until: datetime, programme: Programme = "all"
    ) -> tuple[dict[str, GroupCounts], GroupCounts]:
        """Per group and in total: enrolments seated in [since, until), those completed before `until`,
        online ones and benefits granted; only the programme's enrolments."""
        ...

    async def published(self, by: str, until: date) -> tuple[date, list[EnrolmentCell]] | None:
        """The snapshot (period start and cells) published for this breakdown and period end, if any."""
        ...

    async def overlapping(
        self, programme: str, since: date, until: date
    ) -> list[tuple[str, list[EnrolmentCell]]]:
        """(breakdown, cells) of every other snapshot of the programme whose period overlaps; holds the
        indicator's publishing lock until commit."""
        ...

    async def publish(
        self, by: str, since: date, until: date, cells: list[EnrolmentCell], at: datetime
    ) -> None:
        """Keep these cells unless a snapshot exists already."""


class ActivityFacts(Protocol):
    """Learning activity reported by city systems."""

    async def add(self, facts: Sequence[ActivityFact]) -> None:
        """Store the facts; one already stored is left as it is."""

    async def counts(self) -> dict[str, int]:
        """Facts per kind."""
        ...


class Offerings(Protocol):
    """Each offering's dimensions (a projection of `content.offerings`)."""

    async def save(self, offerings: Sequence[OfferingDimensions]) -> None:
        """Store each offering unless a later revision is stored."""
