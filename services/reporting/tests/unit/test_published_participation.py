"""Participation is published as dated monthly snapshots: asked again, the same figures."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from reporting.app.participation import ParticipationQuery, published_participation
from reporting.app.project_learners import ProjectBatch, project_batch
from reporting.domain.learners import EnrolmentFact, LearnerProfile
from reporting.domain.participation import PeriodRefused

NOW = datetime(2026, 11, 30, 5, 0, tzinfo=UTC)


async def enrol_learners(uow, n: int) -> None:
    at = datetime(2026, 5, 1, tzinfo=UTC)
    people = [
        LearnerProfile(uuid4(), "female", "25-54", "00004", False, (), "resident", at) for _ in range(n)
    ]
    facts = [EnrolmentFact(uuid4(), uuid4(), p.learner_id, at, None) for p in people]
    await project_batch(ProjectBatch(profiles=people, enrolments=facts), uow)


def participants(result) -> dict[str, int | None]:
    return {c.age_group: c.participants for c in result.table.cells}


async def test_asking_again_after_one_more_enrolment_gives_the_same_figures(uow):
    await enrol_learners(uow, 12)
    query = ParticipationQuery("age_group", date(2026, 7, 1))
    first = await published_participation(query, uow, {}, NOW)

    await enrol_learners(uow, 1)  # a late event for the same period
    again = await published_participation(query, uow, {}, NOW.replace(hour=9))

    assert participants(first)["25-54"] == 12
    assert again == first and again.published_at == NOW


@pytest.mark.parametrize("until", [date(2026, 7, 15), date(2026, 12, 1)])
async def test_a_period_not_ending_on_a_begun_month_is_refused(uow, until):
    with pytest.raises(PeriodRefused):
        await published_participation(ParticipationQuery("sex", until), uow, {}, NOW)
