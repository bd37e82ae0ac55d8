"""The enrolment service's unit of work: the kit's transaction plus its repositories."""

from collections.abc import Sequence

from contracts.event import EventModel
from servicekit.db import UnitOfWork

from enrolment.adapters.benefits import SqlBenefits
from enrolment.adapters.contract_events import to_contract
from enrolment.adapters.enrolments import SqlEnrolments
from enrolment.adapters.learners import SqlLearners
from enrolment.adapters.listings import SqlListings
from enrolment.adapters.offerings import SqlOfferings
from enrolment.adapters.teacher_profiles import SqlTeacherProfiles


class SqlUnitOfWork(UnitOfWork):
    """Adds the repositories, and maps domain events onto contract events."""

    @property
    def offerings(self) -> SqlOfferings:
        """Offerings, on this transaction."""
        return SqlOfferings(self)

    @property
    def enrolments(self) -> SqlEnrolments:
        """Enrolments, on this transaction."""
        return SqlEnrolments(self)

    @property
    def benefits(self) -> SqlBenefits:
        """Granted benefits, on this transaction."""
        return SqlBenefits(self)

    @property
    def listings(self) -> SqlListings:
        """Read-only listings, on this transaction."""
        return SqlListings(self)

    @property
    def learners(self) -> SqlLearners:
        """Learners, on this transaction."""
        return SqlLearners(self)

    @property
    def teacher_profiles(self) -> SqlTeacherProfiles:
        """Teacher profiles, on this transaction."""
        return SqlTeacherProfiles(self)

    def contract_events(self, domain_event: object) -> Sequence[EventModel]:
        """Enrolment's domain events as contract events."""
        return to_contract(domain_event)
