"""SQL for offerings: the read model of content's offering events, with the seats taken here."""

import json
from typing import Any
from uuid import UUID

import asyncpg
from servicekit.db import Repository

from enrolment.domain.dimensions import LearnerType
from enrolment.domain.offering import (
    AgeBetween,
    AudienceRule,
    LearnerTypeIn,
    Offering,
    OfferingStatus,
    TeachersBelowStandard,
)
from enrolment.domain.teacher import TeacherLevel

COLUMNS = "id, course_id, revision, status, starts_on, ends_on, capacity, reserved, audience, confirmed, "
COLUMNS += "confirmed_unsupported"
# Whole-state events: only a newer revision replaces what is kept (a standing offering, revision 0, is
# replaced by its course's next v1 event too); the seats taken here are never overwritten.
_UPSERT = (
    "INSERT INTO offerings (id, course_id, revision, status, starts_on, ends_on, capacity, reserved, "
    "audience) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb) ON CONFLICT (id) DO UPDATE SET "
    "(course_id, revision, status, starts_on, ends_on, capacity, reserved, audience) = (EXCLUDED.course_id, "
    "EXCLUDED.revision, EXCLUDED.status, EXCLUDED.starts_on, EXCLUDED.ends_on, EXCLUDED.capacity, "
    "EXCLUDED.reserved, EXCLUDED.audience) "
    "WHERE offerings.revision < EXCLUDED.revision OR (offerings.revision = 0 AND EXCLUDED.revision = 0)"
)


class SqlOfferings(Repository):
    """Offerings in the enrolment database."""

    async def upsert_newer(self, offering: Offering) -> bool:
        """Keep this state unless a newer revision is already kept; True when it was kept."""
        status = await self._conn.execute(
            _UPSERT,
            offering.id,
            offering.course_id,
            offering.revision,
            offering.status.value,
            offering.starts_on,
            offering.ends_on,
            offering.capacity,
            offering.reserved,
            json.dumps([rule_json(r) for r in offering.rules]),
        )
        return bool(status.endswith(" 1"))

    async def get(self, offering_id: UUID, *, for_update: bool = False) -> Offering | None:
        """The offering; with `for_update` row-locked until the transaction ends (seats are counted on it)."""
        lock = " FOR UPDATE" if for_update else ""
        row = await self._conn.fetchrow(f"SELECT {COLUMNS} FROM offerings WHERE id = $1{lock}", offering_id)
        return offering_of(row) if row else None

    async def save(self, offering: Offering) -> None:
        """Store the seats taken (at commit, with the outbox rows: the row is locked until then)."""
        self._uow.later(
            "UPDATE offerings SET confirmed = $2, confirmed_unsupported = $3 WHERE id = $1",
            offering.id,
            offering.confirmed,
            offering.confirmed_unsupported,
        )


def offering_of(row: asyncpg.Record, id_column: str = "id") -> Offering:
    """An offering from its row (its id under `id_column`: a joined read names it apart)."""
    return Offering(
        row[id_column],
        row["capacity"],
        row["reserved"],
        OfferingStatus(row["status"]),
        tuple(rule_of(r) for r in json.loads(row["audience"])),
        row["confirmed"],
        row["confirmed_unsupported"],
        course_id=row["course_id"],
        starts_on=row["starts_on"],
        revision=row["revision"],
        ends_on=row["ends_on"],
    )


def rule_of(data: dict[str, Any]) -> AudienceRule:
    """A domain rule from the contract's tagged form."""
    match data["rule"]:
        case "age_between":
            return AgeBetween(data["min_age"], data["max_age"])
        case "teachers_below_standard":
            return TeachersBelowStandard(TeacherLevel(data["level"]))
        case "learner_type_in":
            return LearnerTypeIn(frozenset(LearnerType(t) for t in data["learner_types"]))
    raise ValueError(f"unknown audience rule {data['rule']!r}")


def rule_json(rule: AudienceRule) -> dict[str, Any]:
    """The contract's tagged form of a domain rule."""
    match rule:
        case AgeBetween():
            return {"rule": "age_between", "min_age": rule.low, "max_age": rule.high}
        case TeachersBelowStandard():
            return {"rule": "teachers_below_standard", "level": rule.level.value}
        case LearnerTypeIn():
            return {"rule": "learner_type_in", "learner_types": sorted(rule.learner_types)}
    raise TypeError(f"no stored form for {type(rule).__name__}")
