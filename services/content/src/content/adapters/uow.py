"""The content service's unit of work: the kit's transaction plus its repositories."""

from servicekit.db import UnitOfWork

from content.adapters.courses import CourseRepository


class ContentUnitOfWork(UnitOfWork):
    """Adds `courses` to the kit's unit of work."""

    @property
    def courses(self) -> CourseRepository:
        """Courses, on this transaction."""
        return CourseRepository(self.connection)
