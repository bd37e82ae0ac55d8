"""Open courses and enrolments: a learner gets a confirmed place while the course has room."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

LOCALITY_CODE = re.compile(r"^[0-9]{5}$")


class EnrolmentRefused(ValueError):
    """The enrolment cannot be made. Each refusal carries its own HTTP status and problem type."""

    status, title, kind = 422, "Enrolment refused", "enrolment-refused"


class CourseNotOpen(EnrolmentRefused):
    """No published course with that id is known here."""

    status, title, kind = 404, "Course not open for enrolment", "course-not-open"


class CourseFull(EnrolmentRefused):
    """Every place on the course is taken."""

    status, title, kind = 409, "Course full", "course-full"


class AlreadyEnrolled(EnrolmentRefused):
    """The learner already holds a place on the course."""

    status, title, kind = 409, "Already enrolled", "already-enrolled"


@dataclass(frozen=True)
class EnrolmentConfirmed:
    """Domain event: a learner holds a place on a course."""

    enrolment_id: UUID
    course_id: UUID
    learner_id: UUID
    locality_code: str | None
    confirmed_at: datetime


@dataclass
class Enrolment:
    """A learner's place on a course."""

    id: UUID
    course_id: UUID
    learner_id: UUID
    locality_code: str | None
    status: str
    confirmed_at: datetime
    events: list[EnrolmentConfirmed] = field(default_factory=list, compare=False)


@dataclass
class OpenCourse:
    """A published course as enrolment sees it: capacity and places taken."""

    id: UUID
    capacity: int | None
    confirmed: int = 0

    def enrol(
        self, enrolment_id: UUID, learner_id: UUID, locality_code: str | None, now: datetime
    ) -> Enrolment:
        """Confirm a place, or refuse when the course is full."""
        if locality_code is not None and not LOCALITY_CODE.fullmatch(locality_code):
            raise EnrolmentRefused("locality_code must be a 5-digit GSO code")
        if self.capacity is not None and self.confirmed >= self.capacity:
            raise CourseFull(f"all {self.capacity} places are taken")
        self.confirmed += 1
        event = EnrolmentConfirmed(enrolment_id, self.id, learner_id, locality_code, now)
        return Enrolment(enrolment_id, self.id, learner_id, locality_code, "confirmed", now, [event])
