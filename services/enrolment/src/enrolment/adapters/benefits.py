"""SQL for the support benefits granted on enrolments."""

from uuid import UUID

from servicekit.db import Repository

from enrolment.domain.dimensions import SupportCategory
from enrolment.domain.support import BenefitKind, SupportGranted


class SqlBenefits(Repository):
    """Granted benefits in the enrolment database (the events leave with the enrolment they are on)."""

    async def add(self, grants: list[SupportGranted]) -> None:
        """Record the grants (at commit, in one statement with the outbox rows)."""
        if not grants:
            return
        columns = zip(
            *[
                (g.enrolment_id, g.benefit.value, g.learner_id, g.category.value, g.legal_basis, g.granted_on)
                for g in grants
            ],
            strict=True,
        )
        self._uow.later(
            "INSERT INTO support_grants (enrolment_id, benefit, learner_id, category, legal_basis, "
            "granted_on) SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], "
            "$6::date[])",
            *[list(c) for c in columns],
        )

    async def of_learner(self, learner_id: UUID) -> list[SupportGranted]:
        """Every benefit granted to the learner, oldest first."""
        rows = await self._conn.fetch(
            "SELECT enrolment_id, benefit, category, legal_basis, granted_on FROM support_grants "
            "WHERE learner_id = $1 ORDER BY granted_on, enrolment_id, benefit",
            learner_id,
        )
        return [
            SupportGranted(
                learner_id,
                r["enrolment_id"],
                SupportCategory(r["category"]),
                BenefitKind(r["benefit"]),
                r["legal_basis"],
                r["granted_on"],
            )
            for r in rows
        ]
