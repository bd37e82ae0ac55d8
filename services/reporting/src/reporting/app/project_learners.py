"""Use case: keep the learner-dimension and enrolment-fact projections up to date from a batch of events."""

from collections.abc import Sequence
from dataclasses import dataclass

from reporting.app.ports import UnitOfWork
from reporting.domain.activity import ActivityFact
from reporting.domain.enrolment_records import EnrolmentRecord, GrantFact
from reporting.domain.learners import EnrolmentFact, LearnerErasure, LearnerProfile, latest_per_learner
from reporting.domain.message_facts import MessageFact
from reporting.domain.offerings import OfferingDimensions
from reporting.domain.teacher_standard import TeacherAttainment


@dataclass(frozen=True)
class ProjectBatch:
    """The new facts of one polled batch, already mapped from contract events."""

    profiles: Sequence[LearnerProfile] = ()
    erasures: Sequence[LearnerErasure] = ()
    enrolments: Sequence[EnrolmentFact] = ()
    records: Sequence[EnrolmentRecord] = ()
    grants: Sequence[GrantFact] = ()
    activities: Sequence[ActivityFact] = ()
    offerings: Sequence[OfferingDimensions] = ()
    attainments: Sequence[TeacherAttainment] = ()
    messages: Sequence[MessageFact] = ()


async def project_batch(cmd: ProjectBatch, uow: UnitOfWork) -> None:
    """One transaction (the consumer's, with its inbox rows): newer profiles win, erasure freezes a learner.

    Order and repetition do not matter: a profile older than the stored one is ignored, a stored enrolment
    is kept as it is, enrolments and dimensions are joined only when read, and an erased learner's
    dimensions never change again. So a replay may overlap the live consumer.
    """
    async with uow:
        if cmd.profiles:
            await uow.learners.save(latest_per_learner(cmd.profiles, cmd.erasures))
            # xAPI statements kept until these learners were known are announced now (once)
            await uow.statements.match_learners([p.learner_id for p in cmd.profiles])
        if cmd.erasures:
            await uow.learners.erase(cmd.erasures)
        if cmd.enrolments:
            await uow.enrolment_facts.add(cmd.enrolments)
        if cmd.records:
            await uow.enrolment_records.add(cmd.records)
        if cmd.grants:
            await uow.enrolment_records.add_grants(cmd.grants)
        if cmd.activities:
            await uow.activity_facts.add(cmd.activities)
        if cmd.offerings:
            await uow.offerings.save(cmd.offerings)
        if cmd.attainments:
            await uow.teacher_standard.add(cmd.attainments)
        if cmd.messages:
            await uow.campaign_reach.add(cmd.messages)
