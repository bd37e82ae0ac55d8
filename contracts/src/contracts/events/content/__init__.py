"""Events produced by the content service."""

from contracts.events.content.course_published_v1 import CoursePublishedV1, CourseTheme, DeliveryMode

__all__ = ["CoursePublishedV1", "CourseTheme", "DeliveryMode"]
