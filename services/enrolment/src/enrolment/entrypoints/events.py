"""Event subscribers of the enrolment service."""

from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.events.content.course_published_v1 import CoursePublishedV1
from servicekit.consumer import EventConsumer
from servicekit.ports import Dependencies

from enrolment.app.open_course import open_course
from enrolment.app.ports import UnitOfWork


def consumers(_: Dependencies) -> list[EventConsumer]:
    """Enrolment consumes published courses."""
    # Course events are public and non-personal: enrolment needs no wider clearance to consume them.
    clearance = Clearance(DataClassification.PUBLIC, frozenset({DataCategory.NON_PERSONAL}))
    # per-key-strict: a course's later event (a new capacity) must not be overtaken by a redriven older one.
    consumer = EventConsumer("enrolment", clearance, ordering="per-key-strict")

    @consumer.on(CoursePublishedV1)
    async def on_course_published(event: CoursePublishedV1, uow: UnitOfWork) -> None:
        await open_course(event.course_id, event.capacity, uow)

    return [consumer]
