"""Whose learner records a caller may see and change: their own, their localities', or everyone's."""

from dataclasses import dataclass
from uuid import UUID

from enrolment.domain.learner import LearnerRefused


class OutOfReach(LearnerRefused):
    """A caller tried to place a learner in a locality they do not serve."""

    status, title, kind = 403, "Locality not served", "learner-out-of-reach"

    def __init__(self) -> None:
        super().__init__("the caller does not serve this locality", "locality_code")


@dataclass(frozen=True)
class Reach:
    """The learner records a caller may see and change. Outside it a record does not exist for them."""

    everything: bool = False
    localities: frozenset[str] = frozenset()
    own_id: UUID | None = None

    def covers(self, learner_id: UUID, locality_code: str) -> bool:
        """True for the caller's own record, a learner of a locality they serve, or anyone for an admin."""
        return self.everything or learner_id == self.own_id or locality_code in self.localities

    def check_placement(self, learner_id: UUID, locality_code: str) -> None:
        """Refuse to register or move a learner into a locality the caller does not serve."""
        if not self.covers(learner_id, locality_code):
            raise OutOfReach()


EVERYTHING = Reach(everything=True)
"""The reach of a department admin (and of internal use)."""
