"""The enrolment service's unit of work: the kit's transaction plus its repositories."""

from collections.abc import Sequence
from types import TracebackType

import asyncpg
from contracts.event import EventModel
from servicekit.db import UnitOfWork

from enrolment.adapters.benefits import SqlBenefits
from enrolment.adapters.contract_events import to_contract
from enrolment.adapters.enrolments import SqlEnrolments
from enrolment.adapters.learners import SqlLearners
from enrolment.adapters.listings import SqlListings
from enrolment.adapters.offerings import SqlOfferings
from enrolment.adapters.place_requests import SqlPlaceRequests
from enrolment.adapters.teacher_profiles import SqlTeacherProfiles
from enrolment.domain.enrolment import AlreadyEnrolled

# the unique index on (offering_id, learner_id): an enrolment inserted at commit meets it there
_ONE_PER_OFFERING = "enrolments_offering_id_learner_id_key"


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

    @property
    def place_requests(self) -> SqlPlaceRequests:
        """The read before a place is decided, on this transaction."""
        return SqlPlaceRequests(self)

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            await super().__aexit__(exc_type, exc, tb)
        except asyncpg.UniqueViolationError as failed:
            if failed.constraint_name != _ONE_PER_OFFERING:
                raise
            raise AlreadyEnrolled("the learner is already enrolled on this offering") from failed

    def contract_events(self, domain_event: object) -> Sequence[EventModel]:
        """Enrolment's domain events as contract events."""
        return to_contract(domain_event)
