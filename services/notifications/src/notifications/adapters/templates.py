"""SQL for templates: versions appended, the newest one read."""

from datetime import datetime

from servicekit.db import Repository

from notifications.domain.contacts import Channel
from notifications.domain.templates import Template

_NEXT = (
    "INSERT INTO templates (kind, channel, language, version, subject, body, created_at) "
    "SELECT $1, $2, $3, coalesce(max(version), 0) + 1, $4, $5, $6 FROM templates "
    "WHERE kind = $1 AND channel = $2 AND language = $3 RETURNING version"
)


class SqlTemplates(Repository):
    """Templates in the notifications database."""

    async def add_version(
        self, kind: str, channel: Channel, language: str, subject: str, body: str, now: datetime
    ) -> int:
        """Store a new version (a concurrent save of the same version fails on the key); its number."""
        version: int = await self._conn.fetchval(_NEXT, kind, channel.value, language, subject, body, now)
        return version

    async def latest(self, kind: str, channel: Channel, language: str) -> Template | None:
        """The newest version, or None when none was saved."""
        row = await self._conn.fetchrow(
            "SELECT * FROM templates WHERE kind = $1 AND channel = $2 AND language = $3 "
            "ORDER BY version DESC LIMIT 1",
            kind,
            channel.value,
            language,
        )
        if row is None:
            return None
        return Template(**{**dict(row), "channel": Channel(row["channel"])})
