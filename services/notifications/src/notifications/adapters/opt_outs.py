"""SQL for learners' opt-outs per channel."""

from datetime import datetime
from uuid import UUID

from servicekit.db import Repository

from notifications.domain.contacts import Channel

_ADD = "INSERT INTO opt_outs (learner_id, channel, opted_out_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"


class SqlOptOuts(Repository):
    """Opt-outs in the notifications database."""

    async def replace(self, learner_id: UUID, channels: frozenset[Channel], now: datetime) -> None:
        """Make `channels` exactly the learner's opt-outs (earlier times kept for those still opted out)."""
        names = sorted(c.value for c in channels)
        await self._conn.execute(
            "DELETE FROM opt_outs WHERE learner_id = $1 AND NOT channel = ANY($2)", learner_id, names
        )
        await self._conn.executemany(
            _ADD,
            [(learner_id, name, now) for name in names],
        )

    async def add(self, learner_id: UUID, channel: Channel, now: datetime) -> None:
        """Opt the learner out of one channel (again: no change)."""
        await self._conn.execute(
            _ADD,
            learner_id,
            channel.value,
            now,
        )

    async def of(self, learner_id: UUID) -> frozenset[Channel]:
        """The channels the learner opted out of."""
        rows = await self._conn.fetch("SELECT channel FROM opt_outs WHERE learner_id = $1", learner_id)
        return frozenset(Channel(r["channel"]) for r in rows)

    async def forget(self, learner_id: UUID) -> None:
        """Delete the learner's opt-outs (erasure)."""
        await self._conn.execute("DELETE FROM opt_outs WHERE learner_id = $1", learner_id)
