"""Registering, reading and erasing learners on in-memory fakes: what is kept, announced and refused."""

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest
from enrolment.app.learner_records import (
    LearnerRules,
    RegisterLearner,
    erase_learner,
    read_learner,
    register_learner,
)
from enrolment.domain.access import EVERYTHING
from enrolment.domain.dimensions import LearnerType, ReferenceTables, Sex
from enrolment.domain.learner import (
    Contacts,
    ContactsChanged,
    DuplicateNationalId,
    LearnerErased,
    LearnerRefused,
    LearnerRegistered,
    Profile,
)

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)  # the fixed clock of conftest
TABLES = ReferenceTables(frozenset({"00004"}), frozenset({"01", "04"}), frozenset({"04"}))


class UpperHasher:
    def hash(self, national_id: str) -> str:
        return "h:" + national_id.replace(" ", "")


RULES = LearnerRules(TABLES, UpperHasher())


def command(national_id: str | None = None, locality: str = "00004") -> RegisterLearner:
    profile = Profile("Bùi Văn An", date(1980, 1, 2), Sex.MALE, locality, "04", LearnerType.TEACHER)
    return RegisterLearner(profile, Contacts(email="an@example.vn"), national_id)


async def test_registers_with_injected_id_and_time_and_announces_dimensions_then_contacts(uow, deps):
    learner = await register_learner(command("001 080"), uow, deps, RULES, EVERYTHING)

    assert learner.id == UUID(int=1) and learner.national_id_hash == "h:001080"
    registered, contacts = uow.published
    assert isinstance(registered, LearnerRegistered) and registered.at == NOW
    assert registered.dimensions.ethnic_minority and isinstance(contacts, ContactsChanged)
    assert await read_learner(learner.id, uow, EVERYTHING) is learner


async def test_a_second_learner_with_the_same_national_id_is_refused_and_nothing_is_announced(uow, deps):
    await register_learner(command("001080"), uow, deps, RULES, EVERYTHING)
    uow.published.clear()

    with pytest.raises(DuplicateNationalId):
        await register_learner(command("001 080"), uow, deps, RULES, EVERYTHING)

    assert uow.published == [] and len(uow.learners.items) == 1


async def test_a_national_id_is_refused_where_the_deployment_keeps_none(uow, deps):
    with pytest.raises(LearnerRefused) as refused:
        await register_learner(command("001080"), uow, deps, LearnerRules(TABLES, None), EVERYTHING)

    assert refused.value.field == "national_id"


async def test_an_unknown_locality_is_refused_naming_the_field(uow, deps):
    with pytest.raises(LearnerRefused) as refused:
        await register_learner(command(locality="99999"), uow, deps, RULES, EVERYTHING)

    assert refused.value.field == "locality_code" and uow.published == []


async def test_erasure_forgets_personal_data_and_is_announced_once(uow, deps):
    learner = await register_learner(command("001080"), uow, deps, RULES, EVERYTHING)
    uow.published.clear()

    erased = await erase_learner(learner.id, uow, deps, EVERYTHING)
    await erase_learner(learner.id, uow, deps, EVERYTHING)

    assert erased is not None and erased.erased and erased.national_id_hash is None
    assert uow.published == [LearnerErased(learner.id, NOW)]
    assert await erase_learner(uuid4(), uow, deps, EVERYTHING) is None
