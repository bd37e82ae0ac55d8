"""An enrolment's life: requested -> confirmed | waitlisted -> active -> completed, or withdrawn / dropped."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from enrolment.domain.dimensions import Dimensions
from enrolment.domain.enrolment import EnrolmentRefused
from enrolment.domain.offering import Applicant, Offering, OfferingStatus


class Status(StrEnum):
    """Where an enrolment stands."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    ACTIVE = "active"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"
    DROPPED = "dropped"


HOLDS_SEAT = frozenset({Status.CONFIRMED, Status.ACTIVE})


class OfferingClosed(EnrolmentRefused):
    """The offering takes no enrolments."""

    status, title, kind = 409, "Offering not open", "offering-closed"


class NotEligible(EnrolmentRefused):
    """The learner fails one of the offering's audience rules; `rule` names it."""

    status, title, kind = 422, "Not eligible", "not-eligible"

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(f"{rule}: {reason}")
        self.rule = rule
        self.members = {"rule": rule}  # the problem document names the rule


class TransitionRefused(EnrolmentRefused):
    """The enrolment is not in a state that allows this."""

    status, title, kind = 409, "Not possible in this state", "enrolment-state"


@dataclass(frozen=True)
class Changed:
    """Domain event: an enrolment entered `status` (requested-and-decided, promoted, withdrawn, ...)."""

    enrolment_id: UUID
    offering_id: UUID
    learner_id: UUID
    status: Status
    at: datetime
    dimensions: Dimensions
    promoted: bool = False
    outcome: str | None = None
    certificate_id: str | None = None
    course_id: UUID | None = None


@dataclass(frozen=True)
class ProgressRecorded:
    """Domain event: the learner's progress rose to `percent`."""

    enrolment_id: UUID
    learner_id: UUID
    percent: int
    at: datetime
    offering_id: UUID | None = None
    course_id: UUID | None = None
    dimensions: Dimensions | None = None


@dataclass
class Place:
    """One learner on one offering, with the dimensions they had when they asked (for statistics)."""

    id: UUID
    offering_id: UUID
    applicant: Applicant
    status: Status
    requested_at: datetime
    progress: int = 0
    events: list[object] = field(default_factory=list, compare=False)
    course_id: UUID | None = None
    outcome: str | None = None
    certificate_id: str | None = None

    def record_progress(self, percent: int, now: datetime) -> None:
        """Progress only rises (redelivered or late reports change nothing); the first makes it active."""
        if not 0 <= percent <= 100:
            raise EnrolmentRefused("progress is a percentage, 0-100")
        self._require(Status.CONFIRMED, Status.ACTIVE)
        if self.status is Status.CONFIRMED:
            self._enter(Status.ACTIVE, now)
        if percent > self.progress:
            self.progress = percent
            a = self.applicant
            self.events.append(
                ProgressRecorded(
                    self.id, a.learner_id, percent, now, self.offering_id, self.course_id, a.dimensions
                )
            )

    def complete(self, outcome: str, certificate_id: str | None, now: datetime) -> None:
        """Record the outcome (and the certificate, when one is awarded)."""
        self._require(Status.CONFIRMED, Status.ACTIVE)
        self._enter(Status.COMPLETED, now, outcome=outcome, certificate_id=certificate_id)

    def drop(self, now: datetime) -> None:
        """Staff record that an active learner stopped coming."""
        self._require(Status.ACTIVE)
        self._enter(Status.DROPPED, now)

    def _enter(
        self,
        status: Status,
        now: datetime,
        *,
        promoted: bool = False,
        outcome: str | None = None,
        certificate_id: str | None = None,
    ) -> None:
        self.status = status
        if outcome is not None:
            self.outcome, self.certificate_id = outcome, certificate_id
        a, ids = self.applicant, (self.id, self.offering_id, self.applicant.learner_id)
        change = Changed(*ids, status, now, a.dimensions, promoted, outcome, certificate_id, self.course_id)
        self.events.append(change)

    def _require(self, *allowed: Status) -> None:
        if self.status not in allowed:
            raise TransitionRefused(f"the enrolment is {self.status}")


def request_place(offering: Offering, place_id: UUID, applicant: Applicant, now: datetime) -> Place:
    """Confirm a seat when one is free for this applicant, else waitlist; refuse closed or ineligible."""
    if offering.status is not OfferingStatus.OPEN:
        raise OfferingClosed(f"the offering is {offering.status}")
    failure = offering.eligibility_failure(applicant)
    if failure is not None:
        raise NotEligible(*failure)
    place = Place(place_id, offering.id, applicant, Status.WAITLISTED, now, course_id=offering.course_id)
    if offering.has_seat_for(applicant):
        offering.take_seat(applicant)
        place._enter(Status.CONFIRMED, now)
    else:
        place._enter(Status.WAITLISTED, now)
    return place


def withdraw(place: Place, offering: Offering, waitlist: list[Place], now: datetime) -> Place | None:
    """The learner leaves; a freed seat goes to the next waitlisted learner who may take it (returned)."""
    place._require(Status.CONFIRMED, Status.ACTIVE, Status.WAITLISTED)
    held_seat = place.status in HOLDS_SEAT
    place._enter(Status.WITHDRAWN, now)
    if not held_seat:
        return None
    offering.free_seat(place.applicant)
    return promote_next(offering, waitlist, now)


def promote_next(offering: Offering, waitlist: list[Place], now: datetime) -> Place | None:
    """Confirm the first waitlisted learner a free seat admits: supported learners first while seats
    are reserved for them, then in the order they asked."""
    if offering.status is not OfferingStatus.OPEN:
        return None
    waiting = [p for p in waitlist if p.status is Status.WAITLISTED]
    if offering.reserved:
        waiting.sort(key=lambda p: (not p.applicant.supported, p.requested_at))
    else:
        waiting.sort(key=lambda p: p.requested_at)
    for candidate in waiting:
        if offering.has_seat_for(candidate.applicant):
            offering.take_seat(candidate.applicant)
            candidate._enter(Status.CONFIRMED, now, promoted=True)
            return candidate
    return None
