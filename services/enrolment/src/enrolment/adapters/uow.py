"""The enrolment service's unit of work: the kit's transaction plus its repositories."""

from servicekit.db import UnitOfWork

from enrolment.adapters.repositories import EnrolmentRepository, OpenCourseRepository


class EnrolmentUnitOfWork(UnitOfWork):
    """Adds `courses` and `enrolments` to the kit's unit of work."""

    @property
    def courses(self) -> OpenCourseRepository:
        """Open courses, on this transaction."""
        return OpenCourseRepository(self.connection)

    @property
    def enrolments(self) -> EnrolmentRepository:
        """Enrolments, on this transaction."""
        return EnrolmentRepository(self.connection)
