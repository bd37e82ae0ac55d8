"""Use case: a city system reported a learner's progress on an offering (public inbound events, issue 13)."""

from dataclasses import dataclass
from uuid import UUID

from servicekit.ports import Dependencies

from enrolment.app.place_changes import Acting, record_progress
from enrolment.app.ports import UnitOfWork
from enrolment.domain.applicants import EnrolmentNotFound
from enrolment.domain.lifecycle import Place


@dataclass(frozen=True)
class ReportProgress:
    """Command: the learner (by pseudonymous id) has reached `percent` on the offering."""

    offering_id: UUID
    learner_id: UUID
    percent: int


async def report_progress(cmd: ReportProgress, uow: UnitOfWork, deps: Dependencies) -> Place:
    """Progress on the learner's enrolment in the offering (only rises); EnrolmentNotFound if none."""
    async with uow:
        enrolment_id = await uow.enrolments.id_of(cmd.offering_id, cmd.learner_id)
        if enrolment_id is None:
            raise EnrolmentNotFound("the learner has no enrolment on the offering")
        return await record_progress(enrolment_id, cmd.percent, Acting(), uow, deps)
