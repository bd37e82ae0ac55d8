"""SQL for the per-course enrolment counts, read from the enrolment facts."""

from servicekit.db import Repository


class SqlEnrolmentCounts(Repository):
    """Confirmed enrolments per course."""

    async def all(self) -> dict[str, int]:
        """Every course's count."""
        rows = await self._conn.fetch(
            "SELECT course_id, count(*) AS n FROM enrolment_facts GROUP BY course_id"
        )
        return {str(r["course_id"]): r["n"] for r in rows}
