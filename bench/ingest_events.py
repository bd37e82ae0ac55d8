"""The projection bench's workload: the platform's mix of reporting events, built and produced fast."""

import asyncio
import random
import secrets
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from aiokafka import AIOKafkaProducer
from contracts.envelope import Envelope
from contracts.event import EventModel
from contracts.events.city import LearningActivityRecordedV1
from contracts.events.enrolment import (
    EnrolmentCompletedV1,
    EnrolmentConfirmedV2,
    EnrolmentWithdrawnV1,
    LearnerRegisteredV1,
    ProgressRecordedV1,
    SupportGrantedV1,
)
from contracts.events.notifications.message_delivered_v1 import MessageDeliveredV1
from contracts.events.notifications.message_sent_v1 import MessageSentV1
from contracts.headers import format_time
from contracts.rights import trusted_sources
from pydantic_core import to_json

# Per 100 events: what the platform produces for the reporting projection (a registration per learner,
# enrolments and their lifecycle, city systems' learning activity, campaign messages).
MIX: tuple[tuple[type[EventModel], int], ...] = (
    (LearnerRegisteredV1, 5),
    (EnrolmentConfirmedV2, 20),
    (EnrolmentWithdrawnV1, 3),
    (EnrolmentCompletedV1, 7),
    (ProgressRecordedV1, 20),
    (SupportGrantedV1, 5),
    (LearningActivityRecordedV1, 25),
    (MessageSentV1, 10),
    (MessageDeliveredV1, 5),
)
LEARNER_KEYED = (LearnerRegisteredV1, LearningActivityRecordedV1, MessageSentV1, MessageDeliveredV1)
TOPICS = sorted({model.topic for model, _ in MIX})
LOCALITIES = [f"{n:05d}" for n in (4, 8, 91, 97, 103, 118, 127, 136, 157, 166)]
SEXES, AGE_BANDS = ("female", "male"), ("15-24", "25-54", "55-64")
Record = tuple[str, bytes, bytes, list[tuple[str, bytes]]]  # logical topic, key, value, headers


class Ids:
    """Distinct UUIDs (a random run prefix and a counter) and trace contexts, cheaper than uuid4 per event."""

    def __init__(self) -> None:
        self._run, self._trace, self._n = secrets.token_hex(8), secrets.token_hex(8), 0

    def next(self) -> str:
        self._n += 1
        r, n = self._run, self._n
        return f"{r[:8]}-{r[8:12]}-4{r[13:16]}-8{n >> 48 & 0xFFF:03x}-{n & 0xFFFFFFFFFFFF:012x}"

    def traceparent(self) -> str:
        return f"00-{self._trace}{self._n:016x}-{self._n:016x}-01"


class _Template:
    """One event type's example payload and constant headers; `record` varies ids and times."""

    def __init__(self, model: type[EventModel]) -> None:
        self.model, self.payload = model, model.example().model_dump(mode="json")
        source = sorted(s for s in trusted_sources(model.topic) if "learningcity" in s)[0]
        # the relay's headers for the example; each record replaces the ones that vary
        traced = "00-" + "0" * 31 + "1-" + "0" * 15 + "1-01"
        self.headers = Envelope.for_event(model.example(), source=source, traceparent=traced).to_headers()
        self.times = [n for n in self.payload if n.endswith("_at") or n == "at"]
        self.dates = [n for n in self.payload if n.endswith("_on")]

    def record(self, fields: dict[str, object], at: str, ids: "Ids") -> Record:
        payload = self.payload | fields
        payload.update(dict.fromkeys(self.times, at))
        payload.update(dict.fromkeys(self.dates, at[:10]))
        key = str(payload[self.model.aggregate_field]).encode()
        varying = {"ce_id": ids.next().encode(), "ce_time": at.encode(), "ce_subject": key}
        varying["traceparent"] = ids.traceparent().encode()
        headers = [(name, varying.get(name, value)) for name, value in self.headers]
        return self.model.topic, key, to_json(payload), headers


def mixed(n: int, seed: int = 7) -> Iterator[Record]:
    """`n` events in MIX's proportions over n/20 learners and 50 offerings, dated in the 11 months before
    this month (so the indicators of the last complete period count them)."""
    rng, ids = random.Random(seed), Ids()
    templates = [t for model, weight in MIX for t in [_Template(model)] * weight]
    month = datetime.now(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    times = [format_time(month - timedelta(minutes=rng.randrange(1, 330 * 24 * 60))) for _ in range(997)]
    learners = [_learner(rng, ids) for _ in range(max(1, n // 20))]
    offerings = [(ids.next(), ids.next()) for _ in range(50)]
    enrolments: list[dict[str, object]] = []
    for i in range(n):
        template, at = templates[i % len(templates)], times[i % len(times)]
        if template.model in LEARNER_KEYED:
            fields = learners[i % len(learners)] | _ids(template.model, offerings[i % 50], ids)
        elif template.model is EnrolmentConfirmedV2 or not enrolments:
            offering_id, course_id = offerings[rng.randrange(50)]
            enrolment = learners[rng.randrange(len(learners))] | {
                "enrolment_id": ids.next(),
                "offering_id": offering_id,
                "course_id": course_id,
            }
            enrolments.append(enrolment)
            fields = enrolment
        else:
            fields = enrolments[rng.randrange(len(enrolments))]
        yield template.record(fields, at, ids)


def _learner(rng: random.Random, ids: Ids) -> dict[str, object]:
    return {
        "learner_id": ids.next(),
        "sex": rng.choice(SEXES),
        "age_band": rng.choice(AGE_BANDS),
        "locality_code": rng.choice(LOCALITIES),
        "ethnic_minority": rng.random() < 0.1,
    }


def _ids(model: type[EventModel], offering: tuple[str, str], ids: Ids) -> dict[str, object]:
    if model is LearningActivityRecordedV1:
        return {"offering_id": offering[0], "activity_id": f"https://lms.hanoi.example/m/{ids.next()}"}
    if model is LearnerRegisteredV1:
        return {}
    return {"message_id": ids.next(), "delivery_id": ids.next()}


async def prefill(kafka: str, prefix: str, n: int) -> None:
    """Produce `n` mixed events with a bare producer in large batches (acks=1: a bench's own data)."""
    producer = AIOKafkaProducer(
        bootstrap_servers=kafka, acks=1, linger_ms=50, max_batch_size=1 << 20, compression_type=None
    )
    await producer.start()
    try:
        pending = []
        for topic, key, value, headers in mixed(n):
            pending.append(await producer.send(prefix + topic, value, key=key, headers=headers))
            if len(pending) >= 5000:
                await asyncio.gather(*pending)
                pending = []
        await asyncio.gather(*pending)
    finally:
        await producer.stop()


def a_day_in_the_period() -> date:
    """The first day of this month: the end of the last complete indicator period."""
    return datetime.now(UTC).date().replace(day=1)
