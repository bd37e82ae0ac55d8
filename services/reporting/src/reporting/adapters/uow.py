"""The reporting service's unit of work: the kit's transaction plus its projections."""

from servicekit.db import UnitOfWork

from reporting.adapters.enrolment_counts import SqlEnrolmentCounts
from reporting.adapters.enrolment_facts import SqlEnrolmentFacts
from reporting.adapters.learners import SqlLearners
from reporting.adapters.snapshots import SqlSnapshots


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
    def snapshots(self) -> SqlSnapshots:
        """The published snapshots, on this transaction."""
        return SqlSnapshots(self)
