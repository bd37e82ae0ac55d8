"""SQL for the learner-dimension projection."""

from collections.abc import Sequence

from servicekit.db import Repository

from reporting.domain.learners import LearnerErasure, LearnerProfile


class SqlLearners(Repository):
    """Each learner's anonymous dimensions; newer wins, an erased learner is frozen."""

    async def save(self, profiles: Sequence[LearnerProfile]) -> None:
        """The batch in one round trip (at most one profile per learner)."""
        await self._conn.executemany(
            "INSERT INTO learner_dimensions (learner_id, sex, age_band, locality_code, ethnic_minority,"
            " support_categories, learner_type, as_of) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            " ON CONFLICT (learner_id) DO UPDATE SET sex = EXCLUDED.sex, age_band = EXCLUDED.age_band,"
            " locality_code = EXCLUDED.locality_code, ethnic_minority = EXCLUDED.ethnic_minority,"
            " support_categories = EXCLUDED.support_categories, learner_type = EXCLUDED.learner_type,"
            " as_of = EXCLUDED.as_of"
            " WHERE NOT learner_dimensions.erased AND learner_dimensions.as_of < EXCLUDED.as_of",
            [
                (
                    p.learner_id,
                    p.sex,
                    p.age_band,
                    p.locality_code,
                    p.ethnic_minority,
                    list(p.support_categories),
                    p.learner_type,
                    p.as_of,
                )
                for p in profiles
            ],
        )

    async def erase(self, erasures: Sequence[LearnerErasure]) -> None:
        """Mark learners erased (a row without dimensions when the registration has not arrived yet)."""
        await self._conn.executemany(
            "INSERT INTO learner_dimensions (learner_id, as_of, erased) VALUES ($1, $2, true)"
            " ON CONFLICT (learner_id) DO UPDATE SET erased = true",
            [(e.learner_id, e.at) for e in erasures],
        )
