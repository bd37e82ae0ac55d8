"""SQL for the enrolment-count projection."""

from collections.abc import Mapping

from servicekit.db import Repository


class SqlEnrolmentCounts(Repository):
    """Confirmed enrolments per course (a projection rebuilt from enrolment events)."""

    async def add(self, per_course: Mapping[str, int]) -> None:
        """Increase the counts in one statement."""
        await self._conn.execute(
            "INSERT INTO enrolment_counts (course_id, confirmed) "
            "SELECT unnest($1::uuid[]), unnest($2::bigint[]) "
            "ON CONFLICT (course_id) "
            "DO UPDATE SET confirmed = enrolment_counts.confirmed + EXCLUDED.confirmed",
            list(per_course),
            list(per_course.values()),
        )

    async def all(self) -> dict[str, int]:
        """Every course's count."""
        rows = await self._conn.fetch("SELECT course_id, confirmed FROM enrolment_counts")
        return {str(r["course_id"]): r["confirmed"] for r in rows}
