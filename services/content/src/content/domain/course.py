"""The course aggregate: draft -> published -> retired, each published edit a new version."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from content.domain.course_content import CourseContent, CourseInvalid
from content.domain.reference import Reference

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,31}$")


class CourseRuleBroken(ValueError):
    """A course would break a lifecycle or catalogue rule (answered as HTTP 409 `course-rule`)."""

    status, title, kind = 409, "Course rule broken", "course-rule"


class CourseNotFound(LookupError):
    """No such course (or, for the public, no published version of it): HTTP 404."""

    status, title, kind = 404, "Course not found", "not-found"


class NotYourCourse(PermissionError):
    """A provider tried to author another provider's course (HTTP 403)."""

    status, title, kind = 403, "Not your course", "forbidden"


class CourseStatus(StrEnum):
    """Where a course is in its lifecycle."""

    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"


@dataclass(frozen=True)
class Origin:
    """Where a partner city's course comes from: the city, its catalogue's address, the id it has there."""

    city: str
    url: str
    original_id: str


@dataclass(frozen=True)
class CoursePublished:
    """Domain event: a version of the course is now the public one (version 1: first publication)."""

    course_id: UUID
    code: str
    provider: str
    version: int
    content: CourseContent
    at: datetime
    origin: Origin | None = None


@dataclass(frozen=True)
class CourseRetired:
    """Domain event: the course left the catalogue."""

    course_id: UUID
    version: int
    at: datetime


@dataclass(frozen=True)
class Author:
    """Who edits: a provider (its own courses only) or the department (provider None: every course)."""

    provider: str | None

    def may_author(self, provider: str) -> bool:
        """True for the department, or for the provider that owns the course."""
        return self.provider is None or self.provider == provider


@dataclass
class Course:
    """A catalogue course: the published version learners see, and a draft of the next one."""

    id: UUID
    code: str
    provider: str
    draft: CourseContent | None
    published: CourseContent | None = None
    status: CourseStatus = CourseStatus.DRAFT
    version: int = 0
    published_at: datetime | None = None
    origin: Origin | None = None  # None: a course of Hanoi's own providers
    events: list[CoursePublished | CourseRetired] = field(default_factory=list, compare=False)

    @classmethod
    def create(
        cls,
        course_id: UUID,
        code: str,
        provider: str,
        content: CourseContent,
        ref: Reference,
        origin: Origin | None = None,
    ) -> "Course":
        """A new draft (of a partner city's course when it has an `origin`); nothing is announced yet."""
        if not CODE_PATTERN.fullmatch(code):
            raise CourseInvalid("code must be 2-32 upper-case letters, digits or dashes", "code")
        content.check(ref)
        return cls(course_id, code, provider, content, origin=origin)

    def check_author(self, author: Author) -> None:
        """Refuse a provider editing a course that is not its own."""
        if not author.may_author(self.provider):
            raise NotYourCourse("only the course's provider or the department may change it")

    def edit(self, content: CourseContent, ref: Reference) -> None:
        """Replace the draft; a published course keeps its public version until the draft is published."""
        if self.status is CourseStatus.RETIRED:
            raise CourseRuleBroken("a retired course cannot be edited")
        content.check(ref)
        self.draft = content

    def publish(self, now: datetime, materials: int) -> None:
        """Make the draft the public version (the next version number) and announce it; learners need at
        least one published material to learn from."""
        if self.status is CourseStatus.RETIRED:
            raise CourseRuleBroken("a retired course cannot be published again")
        if self.draft is None:
            raise CourseRuleBroken("there is no draft to publish")
        if materials < 1:
            raise CourseRuleBroken("a course needs at least one published material to be published")
        self.published, self.draft, self.version = self.draft, None, self.version + 1
        self.status, self.published_at = CourseStatus.PUBLISHED, now
        self.events.append(
            CoursePublished(self.id, self.code, self.provider, self.version, self.published, now, self.origin)
        )

    def retire(self, now: datetime) -> None:
        """Take the course out of the catalogue; its offerings are closed by the use case."""
        if self.status is not CourseStatus.PUBLISHED:
            raise CourseRuleBroken("only a published course can be retired")
        self.status = CourseStatus.RETIRED
        self.events.append(CourseRetired(self.id, self.version, now))
