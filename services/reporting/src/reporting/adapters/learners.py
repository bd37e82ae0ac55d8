"""SQL for the learner-dimension projection."""

from collections.abc import Sequence

from servicekit.db import Repository

from reporting.domain.learners import LearnerErasure, LearnerProfile


class SqlLearners(Repository):
    """Each learner's anonymous dimensions; newer wins, an erased learner is frozen."""

    async def save(self, profiles: Sequence[LearnerProfile]) -> None:
        """The batch in one round trip (at most one profile per learner)."""
        await self._conn.execute(  # one statement: a column array per field (categories comma-joined)
            "INSERT INTO learner_dimensions (learner_id, sex, age_band, locality_code, ethnic_minority,"
            " support_categories, learner_type, as_of) SELECT p.learner_id, p.sex, p.age_band,"
            " p.locality_code, p.ethnic_minority, string_to_array(p.categories, ','), p.learner_type, p.as_of"
            " FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::text[], $7::text[],"
            " $8::timestamptz[]) AS p(learner_id, sex, age_band, locality_code, ethnic_minority, categories,"
            " learner_type, as_of)"
            " ON CONFLICT (learner_id) DO UPDATE SET sex = EXCLUDED.sex, age_band = EXCLUDED.age_band,"
            " locality_code = EXCLUDED.locality_code, ethnic_minority = EXCLUDED.ethnic_minority,"
            " support_categories = EXCLUDED.support_categories, learner_type = EXCLUDED.learner_type,"
            " as_of = EXCLUDED.as_of"
            " WHERE NOT learner_dimensions.erased AND learner_dimensions.as_of < EXCLUDED.as_of",
            [p.learner_id for p in profiles],
            [p.sex for p in profiles],
            [p.age_band for p in profiles],
            [p.locality_code for p in profiles],
            [p.ethnic_minority for p in profiles],
            [",".join(p.support_categories) for p in profiles],
            [p.learner_type for p in profiles],
            [p.as_of for p in profiles],
        )

    async def erase(self, erasures: Sequence[LearnerErasure]) -> None:
        """Mark learners erased (a row without dimensions when the registration has not arrived yet)."""
        await self._conn.executemany(
            "INSERT INTO learner_dimensions (learner_id, as_of, erased) VALUES ($1, $2, true)"
            " ON CONFLICT (learner_id) DO UPDATE SET erased = true",
            [(e.learner_id, e.at) for e in erasures],
        )
