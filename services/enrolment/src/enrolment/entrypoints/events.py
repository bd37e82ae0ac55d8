"""Event subscribers of the enrolment service: content's offerings; city systems' reported progress."""

from contracts.events.city import LearningActivityRecordedV1
from contracts.events.content import (
    OfferingCancelledV1,
    OfferingChangedV1,
    OfferingDetails,
    OfferingScheduledV1,
)
from contracts.events.content.offering_details import AgeBetween, LearnerTypeIn, TeachersBelowStandard
from contracts.rights import narrowest_clearance
from servicekit.consumer import EventConsumer
from servicekit.ports import Dependencies

from enrolment.app.offerings import project_offering
from enrolment.app.ports import UnitOfWork
from enrolment.app.reported_progress import ReportProgress, report_progress
from enrolment.domain import offering as domain
from enrolment.domain.dimensions import LearnerType
from enrolment.domain.teacher import TeacherLevel


def consumers(deps: Dependencies) -> list[EventConsumer]:
    """Enrolment consumes content's offerings (each event carries the offering's whole state) and the
    learning activity city systems report (progress on the learner's enrolment)."""
    handled = (OfferingScheduledV1, OfferingChangedV1, OfferingCancelledV1)
    # Offerings are public; reported activity is pseudonymous (internal, personal): no wider clearance.
    clearance = narrowest_clearance(*handled, LearningActivityRecordedV1)
    # Reported progress only rises, so its order never matters, and a refused report is counted, not
    # dead-lettered: it never holds a learner's key.
    # The revision keeps an older offering state from overwriting a newer one, but a redriven scheduled
    # event must still not reopen an offering cancelled after it: per-key-strict.
    consumer = EventConsumer("enrolment", clearance, ordering="per-key-strict")

    @consumer.on(OfferingScheduledV1)
    async def on_scheduled(event: OfferingScheduledV1, uow: UnitOfWork) -> None:
        await project_offering(offering_of(event), uow)

    @consumer.on(OfferingChangedV1)
    async def on_changed(event: OfferingChangedV1, uow: UnitOfWork) -> None:
        await project_offering(offering_of(event), uow)

    @consumer.on(OfferingCancelledV1)
    async def on_cancelled(event: OfferingCancelledV1, uow: UnitOfWork) -> None:
        await project_offering(offering_of(event), uow)

    # activity without progress: reporting counts it, enrolment has nothing to change (no transaction)
    @consumer.on(LearningActivityRecordedV1, ignore=lambda e: e.progress_percent is None)
    async def on_learning_activity(event: LearningActivityRecordedV1, uow: UnitOfWork) -> None:
        if event.progress_percent is None:
            return  # never handed one (ignored above); kept for the type checker
        command = ReportProgress(event.offering_id, event.learner_id, event.progress_percent)
        # an unknown enrolment, or one no longer in progress, raises an EnrolmentRefused: the engine counts
        # it in the sender's error report (servicekit.inbound_errors.CountedRefusal)
        await report_progress(command, uow, deps)

    return [consumer]


def offering_of(e: OfferingDetails) -> domain.Offering:
    """The domain's offering from a whole-state offering event."""
    return domain.Offering(
        e.offering_id,
        e.capacity,
        e.reserved_seats,
        domain.OfferingStatus(e.status.value),
        tuple(_rule(r) for r in e.audience),
        course_id=e.course_id,
        starts_on=e.starts_on,
        ends_on=e.ends_on,
        revision=e.revision,
    )


def _rule(r: AgeBetween | TeachersBelowStandard | LearnerTypeIn) -> domain.AudienceRule:
    match r:
        case AgeBetween():
            return domain.AgeBetween(r.min_age, r.max_age)
        case TeachersBelowStandard():
            return domain.TeachersBelowStandard(TeacherLevel(r.level.value))
        case LearnerTypeIn():
            return domain.LearnerTypeIn(frozenset(LearnerType(t) for t in r.learner_types))
