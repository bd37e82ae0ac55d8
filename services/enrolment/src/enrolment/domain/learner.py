"""The learner: who they are (personal data), and the non-identifying dimensions statistics may use."""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID

from enrolment.domain.contacts import Channel, Contacts
from enrolment.domain.dimensions import (
    Dimensions,
    LearnerType,
    ReferenceTables,
    Sex,
    SupportCategory,
    age_band,
)
from enrolment.domain.refusals import DuplicateNationalId, LearnerRefused

__all__ = [
    "Channel",
    "Contacts",
    "ContactsChanged",
    "DuplicateNationalId",
    "Learner",
    "LearnerErased",
    "LearnerRefused",
    "LearnerRegistered",
    "LearnerUpdated",
    "Profile",
    "dimensions_of",
]
DECLARED_CATEGORIES = frozenset(
    {
        SupportCategory.POLICY_BENEFICIARY,
        SupportCategory.POOR_HOUSEHOLD,
        SupportCategory.NEAR_POOR_HOUSEHOLD,
        SupportCategory.DISABILITY,
    }
)
"""Categories a learner (or staff on their behalf) declares; the others are derived from the record."""


@dataclass(frozen=True)
class Profile:
    """What a learner tells about themself; validated against the reference tables."""

    full_name: str
    date_of_birth: date
    sex: Sex
    locality_code: str
    ethnic_group_code: str | None
    learner_type: LearnerType
    declared: frozenset[SupportCategory] = frozenset()

    def check(self, tables: ReferenceTables, today: date) -> None:
        """Raise LearnerRefused naming the first field that breaks a rule."""
        if not 1 <= len(self.full_name.strip()) <= 200:
            raise LearnerRefused("full_name must have 1-200 characters", "full_name")
        if self.date_of_birth > today:
            raise LearnerRefused("date_of_birth is in the future", "date_of_birth")
        if today.year - self.date_of_birth.year > 120:
            raise LearnerRefused("date_of_birth is more than 120 years ago", "date_of_birth")
        if self.locality_code not in tables.localities:
            raise LearnerRefused("locality_code is not one of Hanoi's current units", "locality_code")
        if self.ethnic_group_code is not None and self.ethnic_group_code not in tables.ethnic_groups:
            raise LearnerRefused("ethnic_group_code is not a GSO ethnic group code", "ethnic_group_code")
        if not self.declared <= DECLARED_CATEGORIES:
            raise LearnerRefused("only household, disability and policy categories are declared", "declared")


@dataclass(frozen=True)
class LearnerRegistered:
    """Domain event: a new learner, by non-identifying dimensions only."""

    learner_id: UUID
    dimensions: Dimensions
    at: datetime


@dataclass(frozen=True)
class LearnerUpdated:
    """Domain event: the learner's dimensions changed."""

    learner_id: UUID
    dimensions: Dimensions
    at: datetime


@dataclass(frozen=True)
class ContactsChanged:
    """Domain event: how to reach the learner changed (restricted: for notifications only)."""

    learner_id: UUID
    contacts: Contacts
    at: datetime


@dataclass(frozen=True)
class LearnerErased:
    """Domain event: the learner's personal data is gone; consumers forget what they hold of it."""

    learner_id: UUID
    at: datetime


@dataclass
class Learner:
    """A registered learner. Erased learners keep only their id and anonymous dimensions."""

    id: UUID
    profile: Profile | None
    contacts: Contacts | None
    national_id_hash: str | None
    dimensions: Dimensions
    events: list[object] = field(default_factory=list, compare=False)

    @classmethod
    def register(
        cls,
        learner_id: UUID,
        profile: Profile,
        contacts: Contacts,
        national_id_hash: str | None,
        tables: ReferenceTables,
        now: datetime,
    ) -> "Learner":
        """A new learner; announces their dimensions, and separately their contacts."""
        profile.check(tables, now.date())
        dims = dimensions_of(profile, tables, now.date())
        learner = cls(learner_id, profile, contacts, national_id_hash, dims)
        learner.events.append(LearnerRegistered(learner_id, dims, now))
        learner.events.append(ContactsChanged(learner_id, contacts, now))
        return learner

    def update(self, profile: Profile, contacts: Contacts, tables: ReferenceTables, now: datetime) -> None:
        """Replace the profile and contacts; announce only what changed."""
        if self.profile is None:
            raise LearnerRefused("the learner was erased", None)
        profile.check(tables, now.date())
        dims = dimensions_of(profile, tables, now.date())
        if dims != self.dimensions:
            self.events.append(LearnerUpdated(self.id, dims, now))
        if contacts != self.contacts:
            self.events.append(ContactsChanged(self.id, contacts, now))
        self.profile, self.contacts, self.dimensions = profile, contacts, dims

    def amend(
        self,
        profile: Mapping[str, Any],
        contacts: Mapping[str, Any],
        tables: ReferenceTables,
        now: datetime,
    ) -> None:
        """Change some fields (by name); the others keep their values. Checked and announced as `update`."""
        if self.profile is None or self.contacts is None:
            raise LearnerRefused("the learner was erased", None)
        self.update(replace(self.profile, **profile), replace(self.contacts, **contacts), tables, now)

    def erase(self, now: datetime) -> None:
        """Forget the personal data; keep the anonymous dimensions that statistics were built from."""
        if self.profile is None:
            return
        self.profile = self.contacts = self.national_id_hash = None
        self.dimensions = replace(self.dimensions, ethnic_minority=False, support_categories=frozenset())
        self.events.append(LearnerErased(self.id, now))

    @property
    def erased(self) -> bool:
        """True once the personal data is gone."""
        return self.profile is None


def dimensions_of(profile: Profile, tables: ReferenceTables, today: date) -> Dimensions:
    """The non-identifying dimensions; derived categories come from sex, ethnic group and locality."""
    categories = set(profile.declared)
    minority = profile.ethnic_group_code in tables.minority_groups
    if minority:
        categories.add(SupportCategory.ETHNIC_MINORITY)
    if profile.sex is Sex.FEMALE:
        categories.add(SupportCategory.WOMAN)
    if profile.locality_code in tables.difficult_areas:
        categories.add(SupportCategory.DIFFICULT_AREA)
    return Dimensions(
        profile.sex,
        age_band(profile.date_of_birth, today),
        profile.locality_code,
        minority,
        frozenset(categories),
        profile.learner_type,
    )
