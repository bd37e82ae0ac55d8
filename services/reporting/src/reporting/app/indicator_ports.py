"""Ports of the published indicators: their counts, dated snapshots and drill-down reads."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

from reporting.domain.campaign_reach import ReachBreakdown, ReachCell, ReachCounts
from reporting.domain.drill_down import ParticipantFilter
from reporting.domain.enrolment_indicator import EnrolmentBreakdown
from reporting.domain.message_facts import MessageFact
from reporting.domain.participation_tables import Participation
from reporting.domain.teacher_standard import TeacherAttainment, TeacherCell, TeacherCounts


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

    async def others(self, until: date) -> list[list[TeacherCell]]:
        """The cells of every snapshot of another period end; holds the publishing lock until commit."""
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

    async def overlapping(self, kind: str, since: date, until: date) -> list[tuple[str, list[ReachCell]]]:
        """(key, cells) of every other snapshot of `kind` whose period overlaps; holds the publishing lock."""
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
