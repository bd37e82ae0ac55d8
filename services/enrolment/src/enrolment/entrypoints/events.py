"""Event subscribers of the enrolment service."""

from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.events.content.course_published_v1 import CoursePublishedV1
from servicekit.consumer import EventConsumer

from enrolment.adapters.uow import EnrolmentUnitOfWork
from enrolment.app.handlers import open_course

consumer = EventConsumer(
    "enrolment",
    Clearance(DataClassification.RESTRICTED, frozenset(DataCategory)),
)


@consumer.on(CoursePublishedV1)
async def on_course_published(event: CoursePublishedV1, uow: EnrolmentUnitOfWork) -> None:
    await open_course(event, uow)
