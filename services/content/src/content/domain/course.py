"""The course aggregate: a catalogue entry that becomes open to learners when published."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,31}$")


class CourseRuleBroken(ValueError):
    """A course would break a catalogue rule (answered as HTTP 409 `course-rule`)."""

    status, title, kind = 409, "Course rule broken", "course-rule"


@dataclass(frozen=True)
class CoursePublished:
    """Domain event: the course is now in the public catalogue, as it was published."""

    course_id: UUID
    code: str
    title_vi: str
    title_en: str
    theme: str
    delivery_mode: str
    capacity: int | None
    published_at: datetime


@dataclass
class Course:
    """A course in the bilingual catalogue."""

    id: UUID
    code: str
    title_vi: str
    title_en: str
    theme: str
    delivery_mode: str
    capacity: int | None
    published_at: datetime | None = None
    events: list[CoursePublished] = field(default_factory=list, compare=False)

    def __post_init__(self) -> None:
        if not CODE_PATTERN.fullmatch(self.code):
            raise CourseRuleBroken("code must be 2-32 upper-case letters, digits or dashes")
        if not self.title_vi.strip() or not self.title_en.strip():
            raise CourseRuleBroken("a course needs a Vietnamese and an English title")
        if self.capacity is not None and self.capacity < 1:
            raise CourseRuleBroken("capacity must be at least 1 (or unlimited)")

    @property
    def is_published(self) -> bool:
        """True once the course is in the public catalogue."""
        return self.published_at is not None

    def publish(self, now: datetime) -> None:
        """Open the course to learners; publishing twice is an error."""
        if self.is_published:
            raise CourseRuleBroken("the course is already published")
        self.published_at = now
        self.events.append(
            CoursePublished(
                self.id,
                self.code,
                self.title_vi,
                self.title_en,
                self.theme,
                self.delivery_mode,
                self.capacity,
                now,
            )
        )
