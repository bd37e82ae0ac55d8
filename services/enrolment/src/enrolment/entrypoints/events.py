"""Event subscribers of the enrolment service: content's courses and offerings build the offering model."""

from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.events.content import (
    CoursePublishedV1,
    OfferingCancelledV1,
    OfferingChangedV1,
    OfferingDetails,
    OfferingScheduledV1,
)
from contracts.events.content.offering_details import AgeBetween, LearnerTypeIn, TeachersBelowStandard
from servicekit.consumer import EventConsumer
from servicekit.ports import Dependencies

from enrolment.app.offerings import open_standing_offering, project_offering
from enrolment.app.ports import UnitOfWork
from enrolment.domain import offering as domain
from enrolment.domain.dimensions import LearnerType
from enrolment.domain.teacher import TeacherLevel


def consumers(_: Dependencies) -> list[EventConsumer]:
    """Enrolment consumes published courses (standing offerings, for the transition) and offerings."""
    # Course and offering events are public and non-personal: enrolment needs no wider clearance.
    clearance = Clearance(DataClassification.PUBLIC, frozenset({DataCategory.NON_PERSONAL}))
    # The revision guards the model, but a course's v1 events carry none, so they stay per-key-strict:
    # per-key-strict, so a redriven older state never overtakes a later one of its offering or course.
    consumer = EventConsumer("enrolment", clearance, ordering="per-key-strict")

    @consumer.on(CoursePublishedV1)
    async def on_course_published(event: CoursePublishedV1, uow: UnitOfWork) -> None:
        await open_standing_offering(event.course_id, event.capacity, uow)

    @consumer.on(OfferingScheduledV1)
    async def on_scheduled(event: OfferingScheduledV1, uow: UnitOfWork) -> None:
        await project_offering(offering_of(event), uow)

    @consumer.on(OfferingChangedV1)
    async def on_changed(event: OfferingChangedV1, uow: UnitOfWork) -> None:
        await project_offering(offering_of(event), uow)

    @consumer.on(OfferingCancelledV1)
    async def on_cancelled(event: OfferingCancelledV1, uow: UnitOfWork) -> None:
        await project_offering(offering_of(event), uow)

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
