"""SQL for teacher profiles: a teaching learner's level and qualification."""

from uuid import UUID

import asyncpg
from servicekit.db import Repository

from enrolment.domain.teacher import Qualification, TeacherLevel, TeacherProfile

_UPSERT = (
    "INSERT INTO teacher_profiles (learner_id, level, qualification, retires_on) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (learner_id) DO UPDATE SET (level, qualification, retires_on) = "
    "(EXCLUDED.level, EXCLUDED.qualification, EXCLUDED.retires_on)"
)


class SqlTeacherProfiles(Repository):
    """Teacher profiles in the enrolment database; what is saved or read is tracked for its events."""

    async def save(self, profile: TeacherProfile) -> None:
        """Insert or replace the learner's profile."""
        self._seen(profile)
        await self._conn.execute(
            _UPSERT, profile.learner_id, profile.level.value, profile.qualification.value, profile.retires_on
        )

    async def get(self, learner_id: UUID) -> TeacherProfile | None:
        """The learner's teacher profile, or None when they do not teach."""
        row = await self._conn.fetchrow(
            "SELECT level, qualification, retires_on FROM teacher_profiles WHERE learner_id = $1", learner_id
        )
        return self._seen(profile_of(learner_id, row)) if row else None

    async def delete(self, learner_id: UUID) -> None:
        """Remove the learner's profile (erasure): level and qualification are personal data."""
        await self._conn.execute("DELETE FROM teacher_profiles WHERE learner_id = $1", learner_id)


def profile_of(learner_id: UUID, row: asyncpg.Record) -> TeacherProfile:
    """A teacher profile from its `level, qualification, retires_on` columns."""
    level, qualification = TeacherLevel(row["level"]), Qualification(row["qualification"])
    return TeacherProfile(learner_id, level, qualification, row["retires_on"])
