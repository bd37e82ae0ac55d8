"""What a list of learners is asked for, and one page of the answer (keyset pagination)."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from enrolment.domain.dimensions import LearnerType, Sex, SupportCategory
from enrolment.domain.learner import Learner


@dataclass(frozen=True)
class LearnerFilter:
    """Dimensions to match; `localities` None means every locality (a department admin's reach)."""

    locality_code: str | None = None
    sex: Sex | None = None
    learner_type: LearnerType | None = None
    support_category: SupportCategory | None = None
    registered_since: datetime | None = None
    localities: frozenset[str] | None = None


@dataclass(frozen=True)
class PageKey:
    """Where a page ends: learners come in (registered_at, id) order, so the next page starts after it."""

    registered_at: datetime
    learner_id: UUID


@dataclass(frozen=True)
class LearnerPage:
    """One page of learners and the key after which the next page starts (None on the last page)."""

    items: list[Learner]
    next_key: PageKey | None
