"""Messages to learners: each kind has default texts in Vietnamese and English, overridable by templates."""

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

TEMPLATES = {
    "enrolment-confirmed": (
        "Bạn đã được xác nhận tham gia khóa học {course_id}.",
        "Your place on course {course_id} is confirmed.",
    ),
    "enrolment-waitlisted": (
        "Khóa học {course_id} đã đủ chỗ; bạn đang trong danh sách chờ.",
        "Course {course_id} is full; you are on the waiting list.",
    ),
    "enrolment-promoted": (
        "Đã có chỗ cho bạn trong khóa học {course_id}.",
        "A place on course {course_id} is now yours.",
    ),
    "enrolment-withdrawn": (
        "Bạn đã rút khỏi khóa học {course_id}.",
        "You have withdrawn from course {course_id}.",
    ),
    "enrolment-completed": (
        "Bạn đã hoàn thành khóa học {course_id} (kết quả: {outcome}). Chứng chỉ: {certificate_id}.",
        "You completed course {course_id} (outcome: {outcome}). Certificate: {certificate_id}.",
    ),
    "offering-changed": (
        "Lớp học của khóa {course_id} đã thay đổi; ngày bắt đầu: {starts_on}.",
        "Your class of course {course_id} has changed; it starts on {starts_on}.",
    ),
    "offering-cancelled": (
        "Lớp học của khóa {course_id} mà bạn đăng ký đã bị hủy.",
        "The class of course {course_id} you enrolled on is cancelled.",
    ),
    "offering-reminder": (
        "Nhắc bạn: lớp học của khóa {course_id} bắt đầu ngày {starts_on}.",
        "A reminder: your class of course {course_id} starts on {starts_on}.",
    ),
    "support-granted": (
        "Bạn được hưởng hỗ trợ {benefit} cho khóa học {course_id}.",
        "You are granted support ({benefit}) for course {course_id}.",
    ),
}
"""Default texts per kind (vi, en); a saved template of the kind, channel and language replaces them."""


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


def compose(
    message_id: UUID, learner_id: UUID, kind: str, variables: dict[str, str], now: datetime, source: str
) -> Message:
    """The message of `kind` with its default texts, once per `source` (the triggering fact) and learner."""
    vi, en = render(kind, **variables)
    return Message(message_id, learner_id, kind, vi, en, now, source, variables=dict(variables))


def enrolment_confirmed(
    message_id: UUID, learner_id: UUID, course_id: UUID, now: datetime, source_event_id: str
) -> Message:
    """The confirmation message for a new enrolment."""
    return compose(
        message_id, learner_id, "enrolment-confirmed", {"course_id": str(course_id)}, now, source_event_id
    )
