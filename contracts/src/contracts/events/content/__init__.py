"""Events produced by the content service."""

from contracts.events.content.course_published_v1 import CoursePublishedV1, CourseTheme, DeliveryMode
from contracts.events.content.offering_cancelled_v1 import OfferingCancelledV1
from contracts.events.content.offering_changed_v1 import OfferingChangedV1
from contracts.events.content.offering_details import OfferingDetails, OfferingStatus
from contracts.events.content.offering_scheduled_v1 import OfferingScheduledV1

__all__ = [
    "CoursePublishedV1",
    "CourseTheme",
    "DeliveryMode",
    "OfferingCancelledV1",
    "OfferingChangedV1",
    "OfferingDetails",
    "OfferingScheduledV1",
    "OfferingStatus",
]
