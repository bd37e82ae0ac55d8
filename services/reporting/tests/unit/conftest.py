"""In-memory reporting projections and unit of work (use-case tests)."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from uuid import UUID

import pytest
from reporting.domain.activity import ActivityFact
from reporting.domain.learners import EnrolmentFact, LearnerErasure, LearnerProfile
from reporting.domain.participation import ParticipantCounts
from reporting.domain.participation_tables import Participation
from servicekit.testing import FakeRepository, FakeUnitOfWork


class FakeEnrolmentCounts:
    def __init__(self, facts: "FakeEnrolmentFacts") -> None:
        self._facts = facts

    async def all(self) -> dict[str, int]:
        return dict(Counter(str(f.course_id) for f in self._facts.items.values()))


class FakeLearners(FakeRepository[UUID, LearnerProfile | None]):
    def __init__(self, uow: FakeUnitOfWork) -> None:
        super().__init__(uow)
        self.erased: set[UUID] = set()

    async def save(self, profiles: Sequence[LearnerProfile]) -> None:
        assert len({p.learner_id for p in profiles}) == len(profiles), "one profile per learner per call"
        for p in profiles:
            known = self.items.get(p.learner_id)
            if p.learner_id not in self.erased and (known is None or known.as_of < p.as_of):
                self.items[p.learner_id] = p

    async def erase(self, erasures: Sequence[LearnerErasure]) -> None:
        for e in erasures:
            self.erased.add(e.learner_id)
            self.items.setdefault(e.learner_id, None)


class FakeEnrolmentFacts(FakeRepository[UUID, EnrolmentFact]):
    def __init__(self, uow: FakeUnitOfWork, learners: FakeLearners) -> None:
        super().__init__(uow)
        self._learners = learners

    async def add(self, facts: Sequence[EnrolmentFact]) -> None:
        for f in facts:
            self.items.setdefault(f.enrolment_id, f)

    async def participants(self, since: datetime, until: datetime) -> ParticipantCounts:
        people = {f.learner_id for f in self.items.values() if since <= f.confirmed_at < until}
        counts: ParticipantCounts = {}
        for learner in people:
            if (p := self._learners.items.get(learner)) is not None:
                key = (p.age_band, p.sex, p.locality_code)
                counts[key] = counts.get(key, 0) + 1
        return counts


class FakeSnapshots(FakeRepository[tuple[str, date], Participation]):
    async def get(self, by: str, until: date) -> Participation | None:
        return self.items.get((by, until))

    async def publish(self, by: str, result: Participation, at: datetime) -> Participation:
        return self.items.setdefault((by, result.until), replace(result, published_at=at))

    async def overlapping(self, since: date, until: date) -> list[Participation]:
        return [p for (_, end), p in self.items.items() if end != until and p.since < until and end > since]


class FakeActivityFacts:
    def __init__(self) -> None:
        self.facts: set[ActivityFact] = set()

    async def add(self, facts: Sequence[ActivityFact]) -> None:
        self.facts.update(facts)

    async def counts(self) -> dict[str, int]:
        return dict(Counter(str(f.kind) for f in self.facts))


class FakeStatements:
    """Only what the projections use: which learners were matched against waiting statements."""

    def __init__(self) -> None:
        self.matched: list[UUID] = []

    async def match_learners(self, learners: Sequence[UUID]) -> int:
        self.matched += learners
        return 0


class FakeReportingUnitOfWork(FakeUnitOfWork):
    def __init__(self) -> None:
        super().__init__()
        self.learners = FakeLearners(self)
        self.enrolment_facts = FakeEnrolmentFacts(self, self.learners)
        self.enrolment_counts = FakeEnrolmentCounts(self.enrolment_facts)
        self.snapshots = FakeSnapshots(self)
        self.activity_facts = FakeActivityFacts()
        self.statements = FakeStatements()


@pytest.fixture
def uow() -> FakeReportingUnitOfWork:
    return FakeReportingUnitOfWork()
