"""What reporting's use cases need from the outside world: the unit of work over every port."""

from typing import Protocol

from servicekit.ports import UnitOfWorkPort

from reporting.app.indicator_ports import CampaignReach, DrillDown, Snapshots, TeacherStandard
from reporting.app.projection_ports import (
    ActivityFacts,
    EnrolmentCounts,
    EnrolmentFacts,
    EnrolmentRecords,
    Learners,
    Offerings,
)
from reporting.app.xapi_ports import StatementQueries, Statements


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
