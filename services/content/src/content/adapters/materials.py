"""SQL for learning materials."""

from uuid import UUID

import asyncpg
from servicekit.db import Repository

from content.domain.material import Material, MaterialFile

_COLUMNS = "id, course_id, kind, url, checksum, size_bytes, language, licence, xapi_activity_id, retired"
_UPSERT = f"""
INSERT INTO materials ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (id) DO UPDATE SET retired = EXCLUDED.retired
"""


class SqlMaterials(Repository):
    """Materials in the content database; what is added or read is tracked for its events."""

    async def add(self, material: Material) -> None:
        """Insert a new material."""
        await self.save(material)

    async def save(self, material: Material) -> None:
        """Write the material (only its retirement ever changes)."""
        self._seen(material)
        f = material.file
        await self._conn.execute(
            _UPSERT,
            material.id,
            material.course_id,
            f.kind,
            f.url,
            f.checksum,
            f.size_bytes,
            f.language,
            f.licence,
            f.xapi_activity_id,
            material.retired,
        )

    async def get(self, material_id: UUID) -> Material | None:
        """A material, or None."""
        row = await self._conn.fetchrow(f"SELECT {_COLUMNS} FROM materials WHERE id = $1", material_id)
        return self._seen(_material(row)) if row else None

    async def of_course(self, course_id: UUID) -> list[Material]:
        """The course's materials that are not retired, oldest first."""
        rows = await self._conn.fetch(
            f"SELECT {_COLUMNS} FROM materials WHERE course_id = $1 AND NOT retired ORDER BY seq", course_id
        )
        return [_material(row) for row in rows]


def _material(row: asyncpg.Record) -> Material:
    file = MaterialFile(
        row["kind"],
        row["url"],
        row["checksum"],
        row["size_bytes"],
        row["language"],
        row["licence"],
        row["xapi_activity_id"],
    )
    return Material(row["id"], row["course_id"], file, row["retired"])
