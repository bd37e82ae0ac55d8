"""What reporting keeps of learners and enrolments: anonymous dimensions and dated facts, nothing else."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class LearnerProfile:
    """A learner's statistical dimensions as of a time (never a name, birth date or contact)."""

    learner_id: UUID
    sex: str
    age_band: str
    locality_code: str
    ethnic_minority: bool
    support_categories: tuple[str, ...]
    learner_type: str
    as_of: datetime


@dataclass(frozen=True)
class LearnerErasure:
    """The learner's personal data was erased: the dimensions stay as anonymous counts, frozen."""

    learner_id: UUID
    at: datetime


@dataclass(frozen=True)
class EnrolmentFact:
    """One confirmed enrolment."""

    enrolment_id: UUID
    course_id: UUID
    learner_id: UUID
    confirmed_at: datetime
    locality_code: str | None
    event_id: str | None = None
    """The CloudEvents id of the confirmation (or promotion) it comes from."""


def latest_per_learner(
    profiles: Iterable[LearnerProfile], erasures: Iterable[LearnerErasure] = ()
) -> list[LearnerProfile]:
    """The newest profile of each learner (a batch may carry several changes of one learner), leaving out
    changes made after the learner's erasure in the same batch: erasure freezes the dimensions it found."""
    erased_at = {e.learner_id: e.at for e in erasures}
    latest: dict[UUID, LearnerProfile] = {}
    for profile in profiles:
        if profile.learner_id in erased_at and profile.as_of > erased_at[profile.learner_id]:
            continue
        known = latest.get(profile.learner_id)
        if known is None or known.as_of < profile.as_of:
            latest[profile.learner_id] = profile
    return list(latest.values())
