"""Projecting learner dimensions and enrolments: newer wins, erasure freezes, order does not matter."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from reporting.app.project_learners import ProjectBatch, project_batch
from reporting.domain.learners import EnrolmentFact, LearnerErasure, LearnerProfile

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def profile(learner: UUID, at: datetime, locality: str = "00004", band: str = "25-54") -> LearnerProfile:
    return LearnerProfile(learner, "female", band, locality, False, ("woman",), "resident", at)


async def test_a_newer_profile_replaces_an_older_one_whatever_the_order(uow):
    learner = uuid4()
    newer, older = profile(learner, T0 + timedelta(days=1), "00008"), profile(learner, T0, "00004")

    await project_batch(ProjectBatch(profiles=[newer]), uow)
    await project_batch(ProjectBatch(profiles=[older]), uow)

    assert uow.learners.items[learner] == newer


async def test_a_batch_with_two_changes_of_one_learner_keeps_the_latest(uow):
    learner = uuid4()
    changes = [profile(learner, T0 + timedelta(hours=2), "00025"), profile(learner, T0, "00004")]

    await project_batch(ProjectBatch(profiles=changes), uow)

    assert uow.learners.items[learner].locality_code == "00025"


async def test_erasure_keeps_the_dimensions_and_ignores_later_changes(uow):
    learner = uuid4()
    await project_batch(ProjectBatch(profiles=[profile(learner, T0)]), uow)

    await project_batch(ProjectBatch(erasures=[LearnerErasure(learner, T0 + timedelta(days=1))]), uow)
    await project_batch(ProjectBatch(profiles=[profile(learner, T0 + timedelta(days=2), "00070")]), uow)

    assert uow.learners.items[learner] == profile(learner, T0)
    assert learner in uow.learners.erased


async def test_an_erasure_before_the_registration_keeps_no_dimensions(uow):
    learner = uuid4()

    await project_batch(ProjectBatch(erasures=[LearnerErasure(learner, T0)]), uow)
    await project_batch(ProjectBatch(profiles=[profile(learner, T0 - timedelta(days=1))]), uow)

    assert uow.learners.items[learner] is None


async def test_an_enrolment_applied_twice_is_stored_and_counted_once(uow):
    course = uuid4()
    fact = EnrolmentFact(uuid4(), course, uuid4(), T0, None)

    await project_batch(ProjectBatch(enrolments=[fact]), uow)

    await project_batch(ProjectBatch(enrolments=[fact]), uow)  # a replay overlapping the live consumer

    assert uow.enrolment_facts.items == {fact.enrolment_id: fact}
    assert await uow.enrolment_counts.all() == {str(course): 1}


async def test_a_change_after_the_erasure_in_the_same_batch_is_ignored(uow):
    learner = uuid4()
    batch = ProjectBatch(
        profiles=[profile(learner, T0), profile(learner, T0 + timedelta(days=2), "00070")],
        erasures=[LearnerErasure(learner, T0 + timedelta(days=1))],
    )

    await project_batch(batch, uow)

    assert uow.learners.items[learner] == profile(learner, T0)
