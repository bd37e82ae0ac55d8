"""The material aggregate: a document, video, audio or xAPI activity published on a course."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final
from uuid import UUID

from content.domain.course import Course, CourseRuleBroken, CourseStatus

KINDS: Final = frozenset({"document", "video", "audio", "xapi"})
CHECKSUM: Final = re.compile(r"^sha256:[0-9a-f]{64}$")
LANGUAGE: Final = re.compile(r"^[a-z]{2,3}$")
LICENCE: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]{1,63}$")
MAX_BYTES: Final = 50 * 2**30


class MaterialInvalid(ValueError):
    """A material's description breaks a rule; `field` names the input (HTTP 422 `material-invalid`)."""

    status, title, kind = 422, "Material invalid", "material-invalid"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class MaterialNotFound(LookupError):
    """No such material: HTTP 404."""

    status, title, kind = 404, "Material not found", "not-found"


@dataclass(frozen=True)
class MaterialFile:
    """Where a material is and what it is: its kind, address, checksum, size, language and licence."""

    kind: str
    url: str
    checksum: str
    size_bytes: int
    language: str
    licence: str
    xapi_activity_id: str | None = None

    def check(self) -> None:
        """Refuse a description learners could not trust, naming the field."""
        if self.kind not in KINDS:
            raise MaterialInvalid(f"kind must be one of {sorted(KINDS)}", "kind")
        if not self.url.startswith("https://") or "@" in self.url.split("/")[2]:
            raise MaterialInvalid("the address must be https, without credentials", "url")
        rules = ((CHECKSUM, self.checksum, "checksum"), (LANGUAGE, self.language, "language"))
        for pattern, value, name in (*rules, (LICENCE, self.licence, "licence")):
            if not pattern.fullmatch(value):
                raise MaterialInvalid(f"{name} is malformed", name)
        if not 1 <= self.size_bytes <= MAX_BYTES:
            raise MaterialInvalid("size must be 1 byte to 50 GiB", "size_bytes")
        if (self.kind == "xapi") != (self.xapi_activity_id is not None):
            raise MaterialInvalid(
                "an xAPI activity id goes with (and only with) kind xapi", "xapi_activity_id"
            )


@dataclass(frozen=True)
class MaterialPublished:
    """Domain event: a material was published on a course."""

    material_id: UUID
    course_id: UUID
    file: MaterialFile
    at: datetime


@dataclass(frozen=True)
class MaterialRetired:
    """Domain event: a material was withdrawn."""

    material_id: UUID
    course_id: UUID
    at: datetime


@dataclass
class Material:
    """A learning material of a course; published when attached, retired when withdrawn."""

    id: UUID
    course_id: UUID
    file: MaterialFile
    retired: bool = False
    events: list[MaterialPublished | MaterialRetired] = field(default_factory=list, compare=False)

    @classmethod
    def attach(cls, material_id: UUID, course: Course, file: MaterialFile, now: datetime) -> "Material":
        """Publish a checked material on a course that is not retired."""
        if course.status is CourseStatus.RETIRED:
            raise CourseRuleBroken("a retired course takes no new materials")
        file.check()
        material = cls(material_id, course.id, file)
        material.events.append(MaterialPublished(material_id, course.id, file, now))
        return material

    def retire(self, now: datetime) -> None:
        """Withdraw the material."""
        if self.retired:
            raise CourseRuleBroken("the material is already retired")
        self.retired = True
        self.events.append(MaterialRetired(self.id, self.course_id, now))
