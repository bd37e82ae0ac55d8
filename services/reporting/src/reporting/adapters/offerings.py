"""SQL for the offering-dimension projection (the highest revision of each offering wins)."""

from collections.abc import Sequence

from servicekit.db import Repository

from reporting.domain.offerings import OfferingDimensions


class SqlOfferings(Repository):
    """Each offering's domain, delivery mode and audience, as of its highest revision seen."""

    async def save(self, offerings: Sequence[OfferingDimensions]) -> None:
        """Store each offering unless a later revision is stored (events of one offering may come late)."""
        await self._conn.executemany(
            "INSERT INTO offering_dimensions AS o (offering_id, course_id, revision, theme, delivery_mode,"
            " upgrades_level, min_age, max_age) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            " ON CONFLICT (offering_id) DO UPDATE SET course_id = EXCLUDED.course_id,"
            " revision = EXCLUDED.revision, theme = EXCLUDED.theme, delivery_mode = EXCLUDED.delivery_mode,"
            " upgrades_level = EXCLUDED.upgrades_level, min_age = EXCLUDED.min_age,"
            " max_age = EXCLUDED.max_age"
            " WHERE o.revision < EXCLUDED.revision",
            [
                (
                    *(o.offering_id, o.course_id, o.revision, o.theme, o.delivery_mode),
                    *(o.upgrades_level, o.min_age, o.max_age),
                )
                for o in offerings
            ],
        )
