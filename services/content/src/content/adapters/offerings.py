"""SQL for offerings: the whole state of each, one row."""

import json
from uuid import UUID

import asyncpg
from servicekit.db import Repository

from content.domain.audience import rule_as_dict, rule_from_dict
from content.domain.offering import Offering, OfferingDetails, OfferingStatus, Schedule

_COLUMNS = (
    "id, course_id, revision, status, theme, delivery_mode, starts_on, ends_on, capacity, reserved_seats, "
    "locality_code, audience"
)
_UPSERT = f"""
INSERT INTO offerings ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)
ON CONFLICT (id) DO UPDATE SET (revision, status, starts_on, ends_on, capacity, reserved_seats,
    locality_code) = (EXCLUDED.revision, EXCLUDED.status, EXCLUDED.starts_on, EXCLUDED.ends_on,
    EXCLUDED.capacity, EXCLUDED.reserved_seats, EXCLUDED.locality_code)
"""


class SqlOfferings(Repository):
    """Offerings in the content database; what is added or read is tracked for its events."""

    async def add(self, offering: Offering) -> None:
        """Insert a new offering."""
        await self.save(offering)

    async def save(self, offering: Offering) -> None:
        """Write the offering's current revision."""
        self._seen(offering)
        d, plan = offering.details, offering.details.schedule
        await self._conn.execute(
            _UPSERT,
            d.offering_id,
            d.course_id,
            d.revision,
            d.status.value,
            d.theme,
            d.delivery_mode,
            plan.starts_on,
            plan.ends_on,
            plan.capacity,
            plan.reserved_seats,
            plan.locality_code,
            json.dumps([rule_as_dict(r) for r in d.audience]),
        )

    async def get(self, offering_id: UUID) -> Offering | None:
        """An offering, or None."""
        row = await self._conn.fetchrow(f"SELECT {_COLUMNS} FROM offerings WHERE id = $1", offering_id)
        return self._seen(_offering(row)) if row else None

    async def of_course(self, course_id: UUID) -> list[Offering]:
        """Every offering of a course, oldest start first."""
        rows = await self._conn.fetch(
            f"SELECT {_COLUMNS} FROM offerings WHERE course_id = $1 ORDER BY starts_on, id", course_id
        )
        return [self._seen(_offering(row)) for row in rows]


def _offering(row: asyncpg.Record) -> Offering:
    plan = Schedule(
        row["starts_on"], row["ends_on"], row["capacity"], row["reserved_seats"], row["locality_code"]
    )
    audience = tuple(rule_from_dict(r) for r in json.loads(row["audience"]))
    return Offering(
        OfferingDetails(
            row["id"],
            row["course_id"],
            row["revision"],
            OfferingStatus(row["status"]),
            row["theme"],
            row["delivery_mode"],
            plan,
            audience,
        )
    )
