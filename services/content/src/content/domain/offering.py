"""The offering aggregate: one scheduled run of a published course, with dates, seats and a place."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from content.domain.audience import AudienceRule
from content.domain.course import Course, CourseStatus
from content.domain.reference import MEETS_IN_PERSON, Reference, hanoi_date


class OfferingInvalid(ValueError):
    """A schedule breaks a rule; `field` names the input (HTTP 422 `offering-invalid`)."""

    status, title, kind = 422, "Offering invalid", "offering-invalid"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class OfferingRuleBroken(ValueError):
    """The offering's state forbids the change (HTTP 409 `offering-rule`)."""

    status, title, kind = 409, "Offering rule broken", "offering-rule"


class OfferingNotFound(LookupError):
    """No such offering: HTTP 404."""

    status, title, kind = 404, "Offering not found", "not-found"


class OfferingStatus(StrEnum):
    """Whether an offering takes enrolments."""

    OPEN = "open"
    CLOSED = "closed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Schedule:
    """When and where an offering runs and how many seats it has (capacity None: unlimited)."""

    starts_on: date
    ends_on: date | None
    capacity: int | None
    reserved_seats: int = 0
    locality_code: str | None = None

    def check(self, delivery_mode: str, ref: Reference) -> None:
        """Refuse impossible dates and seats, and a place that does not fit the delivery mode."""
        if self.capacity is not None and self.capacity < 1:
            raise OfferingInvalid("capacity must be at least 1 (or null: unlimited)", "capacity")
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise OfferingInvalid("an offering cannot end before it starts", "ends_on")
        if self.reserved_seats < 0 or (self.capacity is not None and self.reserved_seats > self.capacity):
            raise OfferingInvalid("reserved seats must be between 0 and the capacity", "reserved_seats")
        meets = delivery_mode in MEETS_IN_PERSON
        if meets and self.locality_code not in ref.localities:
            raise OfferingInvalid(
                "an in-person or blended offering needs a current Hanoi unit", "locality_code"
            )
        if not meets and self.locality_code is not None:
            raise OfferingInvalid("an online or distance offering has no locality", "locality_code")


@dataclass(frozen=True)
class OfferingDetails:
    """The whole state of an offering, as every offering event carries it."""

    offering_id: UUID
    course_id: UUID
    revision: int
    status: OfferingStatus
    theme: str
    delivery_mode: str
    schedule: Schedule
    audience: tuple[AudienceRule, ...]


@dataclass(frozen=True)
class OfferingAnnounced:
    """Domain event: an offering was scheduled, changed (incl. closed) or cancelled."""

    kind: str  # "scheduled" | "changed" | "cancelled"
    details: OfferingDetails
    at: datetime


@dataclass
class Offering:
    """A run of a course; each change is a new revision, announced with the whole state."""

    details: OfferingDetails
    events: list[OfferingAnnounced] = field(default_factory=list, compare=False)

    @property
    def id(self) -> UUID:
        """The offering's id."""
        return self.details.offering_id

    @classmethod
    def schedule(
        cls, offering_id: UUID, course: Course, plan: Schedule, ref: Reference, now: datetime
    ) -> "Offering":
        """A new open offering of a published course; theme, mode and audience come from the course."""
        if course.status is not CourseStatus.PUBLISHED or course.published is None:
            raise OfferingRuleBroken("only a published course can be scheduled")
        if plan.starts_on < hanoi_date(now):
            raise OfferingInvalid("an offering cannot start in the past", "starts_on")
        content = course.published
        plan.check(content.delivery_mode, ref)
        details = OfferingDetails(
            offering_id,
            course.id,
            1,
            OfferingStatus.OPEN,
            content.theme,
            content.delivery_mode,
            plan,
            content.audience,
        )
        return cls(details, [OfferingAnnounced("scheduled", details, now)])

    def change(self, plan: Schedule, ref: Reference, now: datetime) -> None:
        """New dates, seats or place, as the next revision; a cancelled offering stays cancelled."""
        if self.details.status is OfferingStatus.CANCELLED:
            raise OfferingRuleBroken("a cancelled offering cannot be changed")
        plan.check(self.details.delivery_mode, ref)
        self._revise("changed", now, schedule=plan)

    def cancel(self, now: datetime) -> None:
        """The offering will not run."""
        if self.details.status is OfferingStatus.CANCELLED:
            raise OfferingRuleBroken("the offering is already cancelled")
        self._revise("cancelled", now, status=OfferingStatus.CANCELLED)

    def close(self, now: datetime) -> None:
        """Take no new enrolments (its course was retired); only an open offering changes."""
        if self.details.status is OfferingStatus.OPEN:
            self._revise("changed", now, status=OfferingStatus.CLOSED)

    def _revise(self, kind: str, now: datetime, **changes: object) -> None:
        self.details = replace(self.details, revision=self.details.revision + 1, **changes)  # type: ignore[arg-type]
        self.events.append(OfferingAnnounced(kind, self.details, now))
