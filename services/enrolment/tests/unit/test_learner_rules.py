"""Registering, updating and erasing a learner: validation, derived categories, what is announced."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from enrolment.domain.dimensions import LearnerType, ReferenceTables, Sex, SupportCategory, age_band
from enrolment.domain.learner import (
    Channel,
    Contacts,
    ContactsChanged,
    Learner,
    LearnerErased,
    LearnerRefused,
    LearnerRegistered,
    LearnerUpdated,
    Profile,
)

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
TABLES = ReferenceTables(
    localities=frozenset({"00004", "09955"}),
    ethnic_groups=frozenset({"01", "04"}),
    minority_groups=frozenset({"04"}),
    difficult_areas=frozenset({"09955"}),
)


def profile(**kw) -> Profile:
    values = {
        "full_name": "Nguyễn Thị Lan",
        "date_of_birth": date(1990, 5, 17),
        "sex": Sex.FEMALE,
        "locality_code": "00004",
        "ethnic_group_code": "01",
        "learner_type": LearnerType.RESIDENT,
    }
    return Profile(**{**values, **kw})


def register(p: Profile | None = None, contacts: Contacts | None = None) -> Learner:
    return Learner.register(uuid4(), p or profile(), contacts or Contacts(), None, TABLES, NOW)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date_of_birth": date(2027, 1, 1)}, "date_of_birth"),
        ({"date_of_birth": date(1890, 1, 1)}, "date_of_birth"),
        ({"locality_code": "99999"}, "locality_code"),
        ({"ethnic_group_code": "77"}, "ethnic_group_code"),
        ({"full_name": "  "}, "full_name"),
        ({"declared": frozenset({SupportCategory.WOMAN})}, "declared"),
    ],
)
def test_a_bad_field_is_refused_and_named(change, field):
    with pytest.raises(LearnerRefused) as refused:
        register(profile(**change))

    assert refused.value.field == field


@pytest.mark.parametrize(("email", "phone"), [("not-an-address", None), (None, "12ab"), (None, "123")])
def test_bad_contacts_are_refused(email, phone):
    with pytest.raises(LearnerRefused):
        Contacts(email=email, phone=phone)


def test_registering_announces_dimensions_and_contacts_separately():
    contacts = Contacts(email="lan@example.vn", consent=frozenset({Channel.EMAIL}))

    learner = register(contacts=contacts)

    registered, changed = learner.events
    assert isinstance(registered, LearnerRegistered) and registered.dimensions.age_band == "25-54"
    assert changed == ContactsChanged(learner.id, contacts, NOW)
    assert "Lan" not in repr(registered)  # the name never travels with the dimensions


def test_categories_are_derived_from_sex_ethnicity_and_locality_and_added_to_declared():
    learner = register(
        profile(
            ethnic_group_code="04", locality_code="09955", declared=frozenset({SupportCategory.DISABILITY})
        )
    )

    assert learner.dimensions.ethnic_minority
    assert learner.dimensions.support_categories == {
        SupportCategory.WOMAN,
        SupportCategory.ETHNIC_MINORITY,
        SupportCategory.DIFFICULT_AREA,
        SupportCategory.DISABILITY,
    }


def test_an_update_announces_only_what_changed():
    learner = register()
    learner.events.clear()

    learner.update(profile(full_name="Nguyễn Thị Lan Anh"), Contacts(), TABLES, NOW)
    assert learner.events == []  # the name is not a dimension and the contacts did not change

    learner.update(profile(locality_code="09955"), Contacts(phone="0912345678"), TABLES, NOW)
    assert [type(e) for e in learner.events] == [LearnerUpdated, ContactsChanged]


def test_erasure_forgets_personal_data_keeps_anonymous_dimensions_and_is_announced_once():
    learner = register(profile(ethnic_group_code="04"))
    learner.events.clear()

    learner.erase(NOW)
    learner.erase(NOW)

    assert learner.erased and learner.contacts is None and learner.national_id_hash is None
    assert learner.dimensions.sex is Sex.FEMALE and not learner.dimensions.ethnic_minority
    assert learner.events == [LearnerErased(learner.id, NOW)]
    with pytest.raises(LearnerRefused):
        learner.update(profile(), Contacts(), TABLES, NOW)


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(2012, 12, 1), "0-14"),
        (date(2011, 11, 30), "15-24"),
        (date(2001, 12, 1), "15-24"),
        (date(2001, 11, 30), "25-54"),
        (date(1961, 11, 30), "65+"),
    ],
)
def test_age_bands_follow_the_uis_groups_on_the_day(born, band):
    assert age_band(born, TODAY) == band
