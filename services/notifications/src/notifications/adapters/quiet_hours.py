"""SQL for learners' own quiet hours (a learner without a row has the city's default)."""

from datetime import time
from uuid import UUID

from servicekit.db import Repository

from notifications.domain.preferences import QuietHours


class SqlQuietHours(Repository):
    """Learners' quiet hours in the notifications database."""

    async def of(self, learner_id: UUID) -> QuietHours | None:
        """The learner's own quiet hours, or None (the default applies)."""
        row = await self._conn.fetchrow(
            "SELECT start_hour, end_hour FROM quiet_hours WHERE learner_id = $1", learner_id
        )
        return None if row is None else QuietHours(time(row["start_hour"]), time(row["end_hour"]))

    async def set(self, learner_id: UUID, hours: QuietHours | None) -> None:
        """Make `hours` the learner's own; None: back to the default."""
        if hours is None:
            await self.forget(learner_id)
            return
        await self._conn.execute(
            "INSERT INTO quiet_hours (learner_id, start_hour, end_hour) VALUES ($1, $2, $3)"
            " ON CONFLICT (learner_id) DO UPDATE SET (start_hour, end_hour) = ($2, $3)",
            learner_id,
            hours.start.hour,
            hours.end.hour,
        )

    async def forget(self, learner_id: UUID) -> None:
        """Delete the learner's quiet hours (erasure)."""
        await self._conn.execute("DELETE FROM quiet_hours WHERE learner_id = $1", learner_id)
