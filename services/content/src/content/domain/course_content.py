"""What an author writes about a course: bilingual texts, domain, audience, mode, duration, outcomes."""

import re
from dataclasses import dataclass
from typing import Final

from content.domain.audience import AudienceRule
from content.domain.reference import DELIVERY_MODES, Reference

LANGUAGE: Final = re.compile(r"^[a-z]{2,3}$")


class CourseInvalid(ValueError):
    """A course text or choice breaks a catalogue rule; `field` names the input (HTTP 422)."""

    status, title, kind = 422, "Course invalid", "course-invalid"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class CourseContent:
    """One version of a course as authored. Vietnamese texts are required, English ones optional."""

    title_vi: str
    title_en: str | None
    description_vi: str
    description_en: str | None
    theme: str
    delivery_mode: str
    duration_hours: int
    languages: tuple[str, ...] = ("vi",)
    audience: tuple[AudienceRule, ...] = ()
    learning_outcomes: tuple[str, ...] = ()
    accessibility_notes: tuple[str, ...] = ()

    def check(self, reference: Reference) -> None:
        """Refuse a version that may not be saved, naming the first offending field."""
        for name in ("title_vi", "description_vi"):
            if not getattr(self, name).strip():
                raise CourseInvalid("the Vietnamese title and description are required", name)
        if self.theme not in reference.domains:
            raise CourseInvalid("the domain is not in the catalogue's reference list", "theme")
        if self.delivery_mode not in DELIVERY_MODES:
            raise CourseInvalid(f"delivery mode must be one of {sorted(DELIVERY_MODES)}", "delivery_mode")
        if not 1 <= self.duration_hours <= 10_000:
            raise CourseInvalid("duration must be 1 to 10000 hours", "duration_hours")
        if not self.languages or not all(LANGUAGE.fullmatch(code) for code in self.languages):
            raise CourseInvalid("languages must be ISO 639 codes, at least one", "languages")
        for rule in self.audience:
            rule.check()
