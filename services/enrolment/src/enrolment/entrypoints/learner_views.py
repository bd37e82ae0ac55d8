"""Request and response bodies of the learner records API (personal data: it stays in this service)."""

from datetime import date
from typing import Literal, cast
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, field_validator

from enrolment.domain.dimensions import LearnerType, Sex, SupportCategory
from enrolment.domain.learner import Channel, Learner

Language = Literal["vi", "en"]
AgeBand = Literal["0-14", "15-24", "25-54", "55-64", "65+"]  # the labels of domain.dimensions.AGE_BANDS
LOCALITY = r"^[0-9]{5}$"
ETHNIC_GROUP = r"^[0-9]{2}$"
PROFILE_FIELDS = frozenset(
    {"full_name", "date_of_birth", "sex", "locality_code", "ethnic_group_code", "learner_type", "declared"}
)


class LearnerFields(BaseModel):
    """The fields of a learner record a caller may set; in a change, an absent field keeps its value."""

    model_config = ConfigDict(extra="forbid")
    # Fields the record cannot lack default to None only so a change may leave them out; a null is refused.
    full_name: str | None = Field(None, min_length=1, max_length=200, description="Full name")
    date_of_birth: date | None = Field(None, description="Date of birth (not in the future)")
    sex: Sex | None = Field(None, description="Sex as the learner states it")
    locality_code: str | None = Field(
        None, pattern=LOCALITY, description="GSO code of a current Hanoi ward or commune"
    )
    ethnic_group_code: str | None = Field(None, pattern=ETHNIC_GROUP, description="GSO ethnic group code")
    learner_type: LearnerType | None = Field(None, description="Who the learner is")
    declared_categories: list[SupportCategory] | None = Field(
        None, max_length=7, description="Declared support categories (household, disability, policy)"
    )
    email: str | None = Field(None, max_length=320, description="E-mail address")
    phone: str | None = Field(None, max_length=16, description="Phone number, 9-15 digits")
    language: Language | None = Field(None, description="Preferred language")
    consent: list[Channel] | None = Field(None, max_length=4, description="Channels the learner consents to")

    @field_validator(
        "full_name",
        "date_of_birth",
        "sex",
        "locality_code",
        "learner_type",
        "declared_categories",
        "language",
        "consent",
        mode="before",
    )
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may be left out, not null")
        return value

    def changes(self) -> tuple[dict[str, object], dict[str, object]]:
        """The fields given, as (profile changes, contact changes) in the domain's names and types."""
        given = self.model_dump(exclude_unset=True)
        if "declared_categories" in given:
            given["declared"] = frozenset(given.pop("declared_categories"))
        if "consent" in given:
            given["consent"] = frozenset(given["consent"])
        profile = {k: v for k, v in given.items() if k in PROFILE_FIELDS}
        return profile, {k: v for k, v in given.items() if k not in PROFILE_FIELDS}


class RegisterLearnerRequest(LearnerFields):
    """A new learner: name, birth date, sex, locality and type are required."""

    full_name: str = Field(min_length=1, max_length=200, description="Full name")
    date_of_birth: date = Field(description="Date of birth (not in the future)")
    sex: Sex = Field(description="Sex as the learner states it")
    locality_code: str = Field(pattern=LOCALITY, description="GSO code of a current Hanoi ward or commune")
    learner_type: LearnerType = Field(description="Who the learner is")
    declared_categories: list[SupportCategory] = Field(
        default_factory=list, max_length=7, description="Declared support categories"
    )
    language: Language = Field("vi", description="Preferred language")
    consent: list[Channel] = Field(
        default_factory=lambda: [Channel.IN_APP], max_length=4, description="Channels the learner consents to"
    )
    national_id: str | None = Field(
        None, min_length=9, max_length=20, description="Kept only as a keyed hash"
    )


class LearnerView(BaseModel):
    """A learner record; an erased one shows only its anonymous dimensions."""

    id: UUID
    erased: bool
    full_name: str | None
    date_of_birth: date | None
    sex: Sex
    locality_code: str
    ethnic_group_code: str | None
    learner_type: LearnerType
    support_categories: list[SupportCategory]
    age_band: AgeBand = Field(description="UIS age band (SDG 4.3.1)")
    email: str | None
    phone: str | None
    language: Language | None
    consent: list[Channel] | None

    @classmethod
    def of(cls, learner: Learner) -> "LearnerView":
        """The view of a learner."""
        p, c, d = learner.profile, learner.contacts, learner.dimensions
        return cls(
            id=learner.id,
            erased=learner.erased,
            full_name=p.full_name if p else None,
            date_of_birth=p.date_of_birth if p else None,
            sex=d.sex,
            locality_code=d.locality_code,
            ethnic_group_code=p.ethnic_group_code if p else None,
            learner_type=d.learner_type,
            support_categories=sorted(d.support_categories),
            age_band=cast(AgeBand, d.age_band),
            email=c.email if c else None,
            phone=c.phone if c else None,
            language=cast(Language, c.language) if c else None,
            consent=sorted(c.consent) if c else None,
        )


class LearnerPageView(BaseModel):
    """One page of learners; pass `next_cursor` as `cursor` for the next one (null on the last page)."""

    items: list[LearnerView]
    next_cursor: str | None = Field(description="Opaque cursor of the next page, or null")
