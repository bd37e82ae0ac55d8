"""Messages to learners, rendered from templates in Vietnamese and English."""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

TEMPLATES = {
    "enrolment-confirmed": (
        "Bạn đã được xác nhận tham gia khóa học {course_id}.",
        "Your place on course {course_id} is confirmed.",
    ),
}


@dataclass(frozen=True)
class Message:
    """A message recorded for a learner: their in-app inbox entry, delivered on each channel separately."""

    id: UUID
    learner_id: UUID
    template: str
    body_vi: str
    body_en: str
    created_at: datetime
    source_event_id: str
    read_at: datetime | None = None
    variables: dict[str, str] = field(default_factory=dict)  # what each channel's template renders with


def render(template: str, **values: str) -> tuple[str, str]:
    """The Vietnamese and English text of a template."""
    vi, en = TEMPLATES[template]
    return vi.format(**values), en.format(**values)


def enrolment_confirmed(
    message_id: UUID, learner_id: UUID, course_id: UUID, now: datetime, source_event_id: str
) -> Message:
    """The confirmation message for a new enrolment."""
    vi, en = render("enrolment-confirmed", course_id=str(course_id))
    variables = {"course_id": str(course_id)}
    return Message(
        message_id, learner_id, "enrolment-confirmed", vi, en, now, source_event_id, variables=variables
    )
