"""SQL for places: which learners hold a place on which offering, and which offerings they asked for."""

from collections.abc import Iterable, Sequence
from uuid import UUID

from servicekit.db import Repository


class SqlPlaces(Repository):
    """Places in the notifications database."""

    async def hold(self, enrolment_id: UUID, learner_id: UUID, offering_id: UUID) -> None:
        """The learner holds a place (confirmed or promoted). The offering's reminders are looked at again,
        so a place taken after they went out is reminded too (the others' messages exist: no double)."""
        await self._conn.execute(
            "INSERT INTO places (enrolment_id, learner_id, offering_id, active) VALUES ($1, $2, $3, true)"
            " ON CONFLICT (enrolment_id) DO UPDATE SET active = true",
            enrolment_id,
            learner_id,
            offering_id,
        )
        await self._conn.execute(
            "UPDATE offerings SET reminded_for = NULL WHERE offering_id = $1 AND reminded_for IS NOT NULL",
            offering_id,
        )

    async def hold_all(self, places: Sequence[tuple[UUID, UUID, UUID]]) -> None:
        """`hold` each (enrolment, learner, offering), in two statements; one row per enrolment."""
        if not places:
            return
        enrolments, learners, offerings = (list(c) for c in zip(*places, strict=True))
        await self._conn.execute(
            "INSERT INTO places (enrolment_id, learner_id, offering_id, active)"
            " SELECT e, l, o, true FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS p (e, l, o)"
            " ON CONFLICT (enrolment_id) DO UPDATE SET active = true",
            enrolments,
            learners,
            offerings,
        )
        await self._conn.execute(
            "UPDATE offerings SET reminded_for = NULL"
            " WHERE offering_id = ANY($1::uuid[]) AND reminded_for IS NOT NULL",
            sorted(set(offerings)),
        )

    async def release_all(self, enrolment_ids: Iterable[UUID]) -> None:
        """`release` each of these places, in one statement."""
        if ids := list(enrolment_ids):
            await self._conn.execute(
                "UPDATE places SET active = false WHERE enrolment_id = ANY($1::uuid[])", ids
            )

    async def interested_all(self, pairs: Iterable[tuple[UUID, UUID]]) -> None:
        """`interested` for each (learner, offering), in one statement."""
        if not (unique := set(pairs)):
            return
        learners, offerings = (list(c) for c in zip(*unique, strict=True))
        await self._conn.execute(
            "INSERT INTO interests (learner_id, offering_id)"
            " SELECT * FROM unnest($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING",
            learners,
            offerings,
        )

    async def release(self, enrolment_id: UUID) -> None:
        """The place is given up (withdrawn, dropped, completed)."""
        await self._conn.execute("UPDATE places SET active = false WHERE enrolment_id = $1", enrolment_id)

    async def holders(self, offering_id: UUID) -> list[UUID]:
        """The learners holding a place on the offering."""
        rows = await self._conn.fetch(
            "SELECT DISTINCT learner_id FROM places WHERE offering_id = $1 AND active", offering_id
        )
        return [r["learner_id"] for r in rows]

    async def interested(self, learner_id: UUID, offering_id: UUID) -> None:
        """The learner asked for a place on the offering (a campaign may reach them by its theme)."""
        await self._conn.execute(
            "INSERT INTO interests (learner_id, offering_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            learner_id,
            offering_id,
        )

    async def forget(self, learner_id: UUID) -> None:
        """Delete the learner's places and interests (erasure)."""
        await self._conn.execute("DELETE FROM places WHERE learner_id = $1", learner_id)
        await self._conn.execute("DELETE FROM interests WHERE learner_id = $1", learner_id)
