"""Message templates: per kind, channel and language, versioned; each kind declares its typed variables."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from notifications.domain.contacts import Channel


class VariableType(StrEnum):
    """What a template variable holds (all are given to the engine as text)."""

    TEXT = "text"
    DATE = "date"
    ID = "id"
    URL = "url"


SAMPLES = {
    VariableType.TEXT: "Lớp học mẫu",
    VariableType.DATE: "2026-12-01",
    VariableType.ID: "00000000-0000-4000-8000-000000000000",
    VariableType.URL: "https://learningcity.hanoi.gov.vn/",
}
"""Values a preview renders with when the caller gives none."""

_COURSE = {"course_id": VariableType.ID, "unsubscribe_url": VariableType.URL}
KINDS: dict[str, dict[str, VariableType]] = {
    "enrolment-confirmed": _COURSE,
    "enrolment-waitlisted": _COURSE,
    "enrolment-promoted": _COURSE,
    "enrolment-withdrawn": _COURSE,
    "enrolment-completed": {**_COURSE, "outcome": VariableType.TEXT, "certificate_id": VariableType.TEXT},
    "support-granted": {**_COURSE, "benefit": VariableType.TEXT},
    "offering-changed": {**_COURSE, "starts_on": VariableType.DATE},
    "offering-cancelled": _COURSE,
    "offering-reminder": {**_COURSE, "starts_on": VariableType.DATE},
    "campaign": {"unsubscribe_url": VariableType.URL},
}
"""The message kinds and the variables a template of each may use."""

LANGUAGES = ("vi", "en")  # Vietnamese is the default language


class TemplateRefused(ValueError):
    """A template that cannot be saved or rendered; `field` names the part at fault."""

    status, title, kind = 422, "Template refused", "template-refused"

    def __init__(self, detail: str, field: str) -> None:
        super().__init__(detail)
        self.field = field


class UnknownKind(TemplateRefused):
    """No such message kind, channel or language."""

    status, title, kind = 404, "No such message kind", "unknown-kind"


@dataclass(frozen=True)
class Template:
    """One version of the template of a kind on a channel in a language."""

    kind: str
    channel: Channel
    language: str
    version: int
    subject: str
    body: str
    created_at: datetime


def variables_of(kind: str, channel: str, language: str) -> dict[str, VariableType]:
    """The variables declared for `kind`; `UnknownKind` if kind, channel or language is not one of ours."""
    if kind not in KINDS or channel not in set(Channel) or language not in LANGUAGES:
        raise UnknownKind("no such message kind, channel or language", "kind")
    return KINDS[kind]


def sample_values(kind: str) -> dict[str, str]:
    """A sample value for each variable of `kind` (for previews and the save-time trial render)."""
    return {name: SAMPLES[kind_] for name, kind_ in KINDS[kind].items()}
