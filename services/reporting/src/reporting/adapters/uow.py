"""The reporting service's unit of work: the kit's transaction plus its projections."""

from servicekit.db import UnitOfWork

from reporting.adapters.activity_facts import SqlActivityFacts
from reporting.adapters.campaign_reach import SqlCampaignReach
from reporting.adapters.drill_down import SqlDrillDown
from reporting.adapters.enrolment_counts import SqlEnrolmentCounts
from reporting.adapters.enrolment_facts import SqlEnrolmentFacts
from reporting.adapters.enrolment_records import SqlEnrolmentRecords
from reporting.adapters.learners import SqlLearners
from reporting.adapters.offerings import SqlOfferings
from reporting.adapters.snapshots import SqlSnapshots
from reporting.adapters.statement_queries import SqlStatementQueries
from reporting.adapters.statements import SqlStatements
from reporting.adapters.teacher_standard import SqlTeacherStandard


class SqlUnitOfWork(UnitOfWork):
    """Adds reporting's projections (reporting announces no events)."""

    @property
    def enrolment_counts(self) -> SqlEnrolmentCounts:
        """The enrolment-count projection, on this transaction."""
        return SqlEnrolmentCounts(self)

    @property
    def learners(self) -> SqlLearners:
        """The learner-dimension projection, on this transaction."""
        return SqlLearners(self)

    @property
    def enrolment_facts(self) -> SqlEnrolmentFacts:
        """The enrolment-fact projection, on this transaction."""
        return SqlEnrolmentFacts(self)

    @property
    def activity_facts(self) -> SqlActivityFacts:
        """The activity-fact projection, on this transaction."""
        return SqlActivityFacts(self)

    @property
    def statements(self) -> SqlStatements:
        """The stored xAPI statements, on this transaction."""
        return SqlStatements(self)

    @property
    def statement_queries(self) -> SqlStatementQueries:
        """Reads of the stored xAPI statements, on this transaction."""
        return SqlStatementQueries(self)

    @property
    def snapshots(self) -> SqlSnapshots:
        """The published snapshots, on this transaction."""
        return SqlSnapshots(self)

    @property
    def offerings(self) -> SqlOfferings:
        """The offering-dimension projection, on this transaction."""
        return SqlOfferings(self)

    @property
    def teacher_standard(self) -> SqlTeacherStandard:
        """Teacher attainments and the standardisation counts, on this transaction."""
        return SqlTeacherStandard(self)

    @property
    def campaign_reach(self) -> SqlCampaignReach:
        """Message facts and campaign reach, on this transaction."""
        return SqlCampaignReach(self)

    @property
    def enrolment_records(self) -> SqlEnrolmentRecords:
        """The enrolment-lifecycle and support-grant projections, on this transaction."""
        return SqlEnrolmentRecords(self)

    @property
    def drill_down(self) -> SqlDrillDown:
        """The rows behind published figures, on this transaction."""
        return SqlDrillDown(self)
