"""A learner as campaigns see them: non-identifying dimensions only (no name, contact or birth date)."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class AudienceMember:
    """One learner's dimensions, as enrolment last announced them."""

    learner_id: UUID
    sex: str
    age_band: str
    locality_code: str
    ethnic_minority: bool
    support_categories: frozenset[str]
    learner_type: str
    changed_at: datetime
