"""What reporting keeps of each enrolment's lifecycle and of support granted: dimensions and dated facts."""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

STAGES = {"waitlisted": 0, "confirmed": 1, "active": 2, "completed": 3, "withdrawn": 3, "dropped": 3}
"""How far along each status is: a stored status only gives way to a later stage (events may come late)."""


@dataclass(frozen=True)
class EnrolmentRecord:
    """One lifecycle event of an enrolment, with the learner's dimensions as they were when it was asked.

    `seated_at` is set by every event that implies a seat (confirmed, promoted, progress, completed,
    dropped); the earliest one seen is kept, so a late confirmation corrects a completion that came first.
    """

    enrolment_id: UUID
    course_id: UUID
    offering_id: UUID
    learner_id: UUID
    sex: str
    age_band: str
    locality_code: str
    ethnic_minority: bool
    support_categories: tuple[str, ...]
    learner_type: str
    status: str
    seated_at: datetime | None = None
    completed_at: datetime | None = None
    outcome: str | None = None
    progress: int = 0
    event_ids: tuple[str, ...] = ()
    """The CloudEvents ids of the lifecycle events merged into the row."""

    @property
    def stage(self) -> int:
        """How far along the status is."""
        return STAGES[self.status]


@dataclass(frozen=True)
class GrantFact:
    """A support benefit granted on an enrolment, by category and locality."""

    enrolment_id: UUID
    benefit: str
    support_category: str
    locality_code: str
    granted_on: date
