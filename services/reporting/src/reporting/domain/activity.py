"""Learning activity as reporting counts it: what kind, by which (pseudonymous) learner, when."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class ActivityKind(StrEnum):
    """The kinds of activity city systems report."""

    LEARNING = "learning"
    ATTENDANCE = "attendance"
    EXTERNAL_COMPLETION = "external-completion"


@dataclass(frozen=True)
class ActivityFact:
    """One reported activity; (learner, kind, ref, time) identifies it, so a repeat counts once."""

    learner_id: UUID
    kind: ActivityKind
    ref: str
    occurred_at: datetime
