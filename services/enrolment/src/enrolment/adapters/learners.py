"""SQL for learners: personal columns beside the anonymous dimensions; erasure empties the personal ones."""

from datetime import datetime
from uuid import UUID

import asyncpg
from servicekit.db import Repository

from enrolment.app.learner_query import LearnerFilter, LearnerPage, PageKey
from enrolment.domain.dimensions import Dimensions, LearnerType, Sex, SupportCategory
from enrolment.domain.learner import Channel, Contacts, DuplicateNationalId, Learner, Profile

COLUMNS = (
    "id, full_name, date_of_birth, sex, locality_code, ethnic_group_code, learner_type, declared, "
    "national_id_hash, email, phone, language, consent, age_band, ethnic_minority, support_categories, "
    "registered_at, erased_at"
)
_UPDATED = (
    "full_name, date_of_birth, sex, locality_code, ethnic_group_code, learner_type, declared, "
    "national_id_hash, email, phone, language, consent, age_band, ethnic_minority, support_categories, "
    "erased_at"
)
_UPSERT = (
    f"INSERT INTO learners ({COLUMNS}) VALUES ({', '.join(f'${i}' for i in range(1, 19))}) "
    f"ON CONFLICT (id) DO UPDATE SET ({_UPDATED}) = "
    f"({', '.join('EXCLUDED.' + c.strip() for c in _UPDATED.split(','))})"
)


class SqlLearners(Repository):
    """Learners in the enrolment database; what is saved or read is tracked for its events."""

    async def save(self, learner: Learner, now: datetime) -> None:
        """Insert or update; a national id already held by another learner is refused without naming it."""
        self._seen(learner)
        try:
            await self._conn.execute(_UPSERT, *_values(learner, now))
        except asyncpg.UniqueViolationError as exc:
            raise DuplicateNationalId() from exc

    async def get(self, learner_id: UUID) -> Learner | None:
        """A learner (an erased one has no profile or contacts), or None."""
        row = await self._conn.fetchrow(f"SELECT {COLUMNS} FROM learners WHERE id = $1", learner_id)
        return self._seen(learner_of(row)) if row else None

    async def page(self, wanted: LearnerFilter, after: PageKey | None, limit: int) -> LearnerPage:
        """Up to `limit` learners (not erased) matching `wanted`, in registration order, after `after`."""
        where, args = _conditions(wanted, after)
        rows = await self._conn.fetch(
            f"SELECT {COLUMNS} FROM learners WHERE {' AND '.join(where)} "
            f"ORDER BY registered_at, id LIMIT ${len(args) + 1}",
            *args,
            limit + 1,  # one more than asked: whether there is a next page
        )
        items = [self._seen(learner_of(r)) for r in rows[:limit]]
        last = rows[limit - 1] if len(rows) > limit else None
        return LearnerPage(items, PageKey(last["registered_at"], last["id"]) if last else None)


def _conditions(wanted: LearnerFilter, after: PageKey | None) -> tuple[list[str], list[object]]:
    """The WHERE clauses and their parameters; every value is a parameter, never spliced into the SQL."""
    where, args = ["erased_at IS NULL"], []
    checks: list[tuple[str, object]] = [
        ("locality_code = ${}", wanted.locality_code),
        ("locality_code = ANY(${})", sorted(wanted.localities) if wanted.localities is not None else None),
        ("sex = ${}", wanted.sex and wanted.sex.value),
        ("learner_type = ${}", wanted.learner_type and wanted.learner_type.value),
        ("${} = ANY(support_categories)", wanted.support_category and wanted.support_category.value),
        ("registered_at >= ${}", wanted.registered_since),
    ]
    for clause, value in checks:
        if value is not None:
            args.append(value)
            where.append(clause.format(len(args)))
    if after is not None:
        args += [after.registered_at, after.learner_id]
        where.append(f"(registered_at, id) > (${len(args) - 1}, ${len(args)})")
    return where, args


def _values(learner: Learner, now: datetime) -> tuple[object, ...]:
    p, c, d = learner.profile, learner.contacts, learner.dimensions
    return (
        learner.id,
        p.full_name if p else None,
        p.date_of_birth if p else None,
        d.sex.value,
        d.locality_code,
        p.ethnic_group_code if p else None,
        d.learner_type.value,
        sorted(p.declared) if p else [],
        learner.national_id_hash,
        c.email if c else None,
        c.phone if c else None,
        c.language if c else None,
        sorted(c.consent) if c else None,
        d.age_band,
        d.ethnic_minority,
        sorted(d.support_categories),
        now,
        now if learner.erased else None,
    )


def learner_of(row: asyncpg.Record) -> Learner:
    """A learner from the columns of `COLUMNS` (an erased one without profile or contacts)."""
    dims = Dimensions(
        Sex(row["sex"]),
        row["age_band"],
        row["locality_code"],
        row["ethnic_minority"],
        frozenset(SupportCategory(c) for c in row["support_categories"]),
        LearnerType(row["learner_type"]),
    )
    if row["erased_at"] is not None:
        return Learner(row["id"], None, None, None, dims)
    profile = Profile(
        row["full_name"],
        row["date_of_birth"],
        dims.sex,
        row["locality_code"],
        row["ethnic_group_code"],
        dims.learner_type,
        frozenset(SupportCategory(c) for c in row["declared"]),
    )
    consent = frozenset(Channel(c) for c in row["consent"] or ())
    contacts = Contacts(row["email"], row["phone"], row["language"] or "vi", consent)
    return Learner(row["id"], profile, contacts, row["national_id_hash"], dims)
