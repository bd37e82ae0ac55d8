"""Events produced by the content service."""

from contracts.events.content.course_details import CourseDetails
from contracts.events.content.course_published_v1 import CoursePublishedV1, CourseTheme, DeliveryMode
from contracts.events.content.course_published_v2 import CoursePublishedV2
from contracts.events.content.course_retired_v1 import CourseRetiredV1
from contracts.events.content.course_updated_v1 import CourseUpdatedV1
from contracts.events.content.material_published_v1 import MaterialKind, MaterialPublishedV1
from contracts.events.content.material_retired_v1 import MaterialRetiredV1
from contracts.events.content.offering_cancelled_v1 import OfferingCancelledV1
from contracts.events.content.offering_changed_v1 import OfferingChangedV1
from contracts.events.content.offering_details import OfferingDetails, OfferingStatus
from contracts.events.content.offering_scheduled_v1 import OfferingScheduledV1

__all__ = [
    "CourseDetails",
    "CoursePublishedV1",
    "CoursePublishedV2",
    "CourseRetiredV1",
    "CourseTheme",
    "CourseUpdatedV1",
    "DeliveryMode",
    "MaterialKind",
    "MaterialPublishedV1",
    "MaterialRetiredV1",
    "OfferingCancelledV1",
    "OfferingChangedV1",
    "OfferingDetails",
    "OfferingScheduledV1",
    "OfferingStatus",
]
