"""What reporting's use cases need from the outside world, as protocols."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, Protocol
from uuid import UUID

from servicekit.ports import UnitOfWorkPort

from reporting.domain.activity import ActivityFact
from reporting.domain.campaign_reach import ReachBreakdown, ReachCell, ReachCounts
from reporting.domain.drill_down import ParticipantFilter
from reporting.domain.enrolment_indicator import EnrolmentBreakdown, EnrolmentCell, GroupCounts, Programme
from reporting.domain.enrolment_records import EnrolmentRecord, GrantFact
from reporting.domain.learners import EnrolmentFact, LearnerErasure, LearnerProfile
from reporting.domain.message_facts import MessageFact
from reporting.domain.offerings import OfferingDimensions
from reporting.domain.participation import ParticipantCounts
from reporting.domain.participation_tables import Participation
from reporting.domain.teacher_standard import TeacherAttainment, TeacherCell, TeacherCounts
from reporting.domain.xapi import NewStatement, ReportedActivity
from reporting.domain.xapi_query import StatementQuery


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


class Statements(Protocol):
    """xAPI statements as sent, by id; the learning activity of those about known learners."""

    async def hashes_of(self, statement_ids: Sequence[UUID]) -> dict[UUID, str]:
        """The content hashes of those stored; locks them until the transaction ends."""
        ...

    async def known_learners(self, learners: Iterable[UUID]) -> set[UUID]:
        """Those of `learners` reporting knows (registered, not erased); holds them until commit."""
        ...

    async def add(self, client: str, statements: Sequence[NewStatement], at: datetime) -> set[UUID]:
        """Store the statements; the ids inserted (one stored meanwhile is left as it is)."""
        ...

    def announce(self, activities: Iterable[ReportedActivity]) -> None:
        """Announce learning activity of known learners (outbox, this transaction)."""

    async def match_learners(self, learners: Sequence[UUID]) -> int:
        """Announce the statements waiting for these learners, now known; each once. How many."""
        ...

    async def get(self, statement_id: UUID, client: str | None) -> dict[str, Any] | None:
        """One statement; with `client`, only if that client sent it."""
        ...


class StatementQueries(Protocol):
    """Stored xAPI statements read with the standard filters."""

    async def page(self, query: StatementQuery, size: int) -> list[dict[str, Any]]:
        """Up to `size` statements matching `query`, after its keyset position, in its order."""
        ...

    async def consistent_through(self) -> datetime:
        """The time up to which every statement stored is visible to this reader."""
        ...


class Snapshots(Protocol):
    """Published indicator tables, one per breakdown and period end, never rewritten."""

    async def get(self, by: str, until: date) -> Participation | None:
        """The snapshot of this breakdown and period end, if published."""
        ...

    async def overlapping(self, since: date, until: date) -> list[Participation]:
        """Every breakdown's snapshot of another period end whose period overlaps [since, until)."""
        ...

    async def publish(self, by: str, result: Participation, at: datetime) -> Participation:
        """Keep `result` unless one is kept already; return the kept one."""
        ...


class Offerings(Protocol):
    """Each offering's dimensions (a projection of `content.offerings`)."""

    async def save(self, offerings: Sequence[OfferingDimensions]) -> None:
        """Store each offering unless a later revision is stored."""


class TeacherStandard(Protocol):
    """Teachers' attainments of the standard, the standardisation counts and their snapshots."""

    async def add(self, attainments: Sequence[TeacherAttainment]) -> None:
        """Store each attainment; the earliest day of a teacher's level is kept."""

    async def counts(self, until: date) -> TeacherCounts:
        """Distinct teachers per level in an upgrade programme or at the standard before `until`."""
        ...

    async def published(self, until: date) -> tuple[datetime, list[TeacherCell]] | None:
        """The snapshot (when published, and its cells) for this period end, if any."""
        ...

    async def publish(self, until: date, cells: list[TeacherCell], at: datetime) -> None:
        """Keep these cells unless a snapshot exists already."""


class CampaignReach(Protocol):
    """Delivery outcomes of messages, campaign reach counts and their snapshots."""

    async def add(self, facts: Sequence[MessageFact]) -> None:
        """Store the facts; one already stored is left as it is."""

    async def counts(
        self, by: ReachBreakdown, kind: str, since: datetime, until: datetime, days: int
    ) -> tuple[dict[str, ReachCounts], ReachCounts]:
        """Per segment and in total: recipients, sent, failed and converted within `days`."""
        ...

    async def published(self, key: str, until: date) -> tuple[datetime, list[ReachCell]] | None:
        """The snapshot (when published, and its cells) for this key and period end, if any."""
        ...

    async def publish(self, key: str, until: date, cells: list[ReachCell], at: datetime) -> None:
        """Keep these cells unless a snapshot exists already."""


class DrillDown(Protocol):
    """The rows of the projections behind one published figure (reads only)."""

    async def participants(
        self, cell: ParticipantFilter, since: datetime, until: datetime, after: UUID | None, limit: int
    ) -> tuple[dict[str, int], list[tuple[UUID, tuple[str, ...]]]]:
        """Distinct participants and their enrolments in [since, until); up to limit + 1 enrolments, each
        with the ids of the events behind it."""
        ...

    async def enrolments(
        self,
        by: EnrolmentBreakdown,
        group: str,
        since: datetime,
        until: datetime,
        after: UUID | None,
        limit: int,
    ) -> tuple[dict[str, int], list[tuple[UUID, tuple[str, ...]]]]:
        """Enrolments seated in [since, until) of the group and those completed; up to limit + 1
        enrolments, each with the ids of the events behind it."""
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
    def enrolment_records(self) -> EnrolmentRecords:
        """The enrolment-lifecycle and support-grant projections, on this transaction."""
        ...

    @property
    def activity_facts(self) -> ActivityFacts:
        """The activity-fact projection."""
        ...

    @property
    def statements(self) -> Statements:
        """The stored xAPI statements."""
        ...

    @property
    def statement_queries(self) -> StatementQueries:
        """Reads of the stored xAPI statements."""
        ...

    @property
    def snapshots(self) -> Snapshots:
        """The published snapshots, on this transaction."""
        ...

    @property
    def offerings(self) -> Offerings:
        """The offering-dimension projection, on this transaction."""
        ...

    @property
    def teacher_standard(self) -> TeacherStandard:
        """Teacher attainments and the standardisation counts, on this transaction."""
        ...

    @property
    def campaign_reach(self) -> CampaignReach:
        """Message facts and campaign reach, on this transaction."""
        ...

    @property
    def drill_down(self) -> DrillDown:
        """The rows behind published figures, on this transaction."""
        ...
