"""Inbound events written by the city's other systems (LMSs, learning centres, partner platforms)."""

from contracts.events.city.attendance_recorded_v1 import AttendanceRecordedV1
from contracts.events.city.external_course_completed_v1 import ExternalCourseCompletedV1
from contracts.events.city.learning_activity_recorded_v1 import LearningActivityRecordedV1

__all__ = ["AttendanceRecordedV1", "ExternalCourseCompletedV1", "LearningActivityRecordedV1"]
