"""The reporting service's unit of work: the kit's transaction plus its projections."""

from servicekit.db import UnitOfWork

from reporting.adapters.enrolment_counts import SqlEnrolmentCounts


class SqlUnitOfWork(UnitOfWork):
    """Adds `enrolment_counts` (reporting announces no events)."""

    @property
    def enrolment_counts(self) -> SqlEnrolmentCounts:
        """The enrolment-count projection, on this transaction."""
        return SqlEnrolmentCounts(self)
