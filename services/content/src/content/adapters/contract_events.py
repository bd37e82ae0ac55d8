"""Maps content's domain events onto the contract events other services consume."""

from contracts.event import EventModel
from contracts.events.content.course_published_v1 import CoursePublishedV1, CourseTheme, DeliveryMode

from content.domain.course import CoursePublished


def to_contract(event: object) -> list[EventModel]:
    """The contract events announcing one domain event."""
    match event:
        case CoursePublished():
            return [
                CoursePublishedV1(
                    course_id=event.course_id,
                    code=event.code,
                    title_vi=event.title_vi,
                    title_en=event.title_en,
                    theme=CourseTheme(event.theme),
                    delivery_mode=DeliveryMode(event.delivery_mode),
                    capacity=event.capacity,
                    published_at=event.published_at,
                )
            ]
    raise TypeError(f"no contract event for {type(event).__name__}")
