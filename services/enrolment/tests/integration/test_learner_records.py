"""Learner records in PostgreSQL: personal data beside dimensions, keyed national-id hashes, erasure."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from enrolment.adapters.identity import NationalIdHasher
from enrolment.adapters.learners import SqlLearners
from enrolment.adapters.reference import reference_tables
from enrolment.domain.dimensions import LearnerType, Sex, SupportCategory
from enrolment.domain.learner import Channel, Contacts, DuplicateNationalId, Learner, Profile

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
HASHER = NationalIdHasher(b"test-key-0123456789abcdef")


def learner(national_id: str | None = None, **profile) -> Learner:
    values = {
        "full_name": "Lò Thị Mai",
        "date_of_birth": date(2001, 4, 2),
        "sex": Sex.FEMALE,
        "locality_code": "00004",
        "ethnic_group_code": "03",  # Thái
        "learner_type": LearnerType.RESIDENT,
        "declared": frozenset({SupportCategory.NEAR_POOR_HOUSEHOLD}),
    }
    contacts = Contacts(email="mai@example.vn", phone="0912345678", consent=frozenset({Channel.SMS}))
    hashed = HASHER.hash(national_id) if national_id else None
    made = Learner.register(
        uuid4(), Profile(**{**values, **profile}), contacts, hashed, reference_tables(), NOW
    )
    made.events.clear()  # this test is about the rows; what is announced is tested through the API
    return made


async def save(enrolment, *learners: Learner) -> None:
    async with enrolment.runtime.uow() as uow:
        for one in learners:
            await SqlLearners(uow).save(one, NOW)


async def load(enrolment, learner_id):
    async with enrolment.runtime.uow() as uow:
        found = await SqlLearners(uow).get(learner_id)
    if found is not None:
        found.events.clear()
    return found


async def test_a_learner_round_trips_with_profile_contacts_and_dimensions(enrolment):
    mai = learner("001 301 000 123")

    await save(enrolment, mai)

    assert await load(enrolment, mai.id) == mai
    assert mai.dimensions.ethnic_minority and SupportCategory.WOMAN in mai.dimensions.support_categories


async def test_a_national_id_is_stored_only_as_a_keyed_hash_and_a_second_record_is_refused(enrolment):
    first, second = learner("001-301-000-777"), learner("001301000777", full_name="Someone Else")
    await save(enrolment, first)

    with pytest.raises(DuplicateNationalId) as refused:
        await save(enrolment, second)

    stored = await enrolment.db.fetchval("SELECT national_id_hash FROM learners WHERE id = $1", first.id)
    assert "001301000777" not in stored and stored == HASHER.hash("001301000777")
    assert str(first.id) not in str(refused.value)  # the other record is never named
    assert await load(enrolment, second.id) is None


async def test_erasure_empties_personal_columns_and_keeps_anonymous_dimensions(enrolment):
    mai = learner("001301000999")
    await save(enrolment, mai)

    mai.erase(NOW)
    mai.events.clear()
    await save(enrolment, mai)

    row = await enrolment.db.fetchrow("SELECT * FROM learners WHERE id = $1", mai.id)
    personal = ("full_name", "date_of_birth", "ethnic_group_code", "national_id_hash", "email", "phone")
    assert all(row[column] is None for column in personal)
    assert (row["sex"], row["locality_code"], row["erased_at"]) == ("female", "00004", NOW)
    reloaded = await load(enrolment, mai.id)
    assert reloaded.erased and reloaded.dimensions == mai.dimensions


def test_reference_tables_hold_hanois_126_units_and_53_minority_groups():
    tables = reference_tables()

    assert len(tables.localities) == 126 and "00004" in tables.localities
    assert len(tables.minority_groups) == 53 and "01" not in tables.minority_groups


def test_the_hash_ignores_separators_and_needs_a_real_key():
    assert HASHER.hash("001 301-000.123") == HASHER.hash("001301000123")
    with pytest.raises(ValueError):
        NationalIdHasher(b"short")
