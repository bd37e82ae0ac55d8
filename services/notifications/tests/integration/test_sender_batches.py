"""The sender's cost per batch: the reads and the outcomes of a claimed batch take as many statements for
ten deliveries as for one, and every outcome is still recorded and announced."""

import uuid
from datetime import UTC, datetime, time, timedelta

import asyncpg
import pytest
from notifications.adapters.channels.inbox import InAppInbox
from notifications.adapters.template_engine import SandboxedTemplates
from notifications.adapters.uow import SqlUnitOfWork
from notifications.app.deliver import Sending, deliver_due
from notifications.domain.contacts import Channel
from notifications.domain.delivery import RetryPolicy
from notifications.domain.preferences import QuietHours
from servicekit.ports import Dependencies
from servicekit.testing import FixedClock

pytestmark = pytest.mark.integration

FAR = datetime.now(UTC) + timedelta(days=3650)  # the service's own sender loop never reaches these rows
POLICY = RetryPolicy(3, timedelta(seconds=1), timedelta(seconds=5))
SENDING = Sending(
    {Channel.IN_APP: InAppInbox()},
    POLICY,
    100,
    timedelta(minutes=1),
    SandboxedTemplates(),
    QuietHours(time(0), time(0)),
    concurrency=4,
)


async def _seed(db: asyncpg.Pool, count: int, opted_out: int) -> list[uuid.UUID]:
    """`count` in-app deliveries due at FAR, the first `opted_out` of them to learners who opted out."""
    learners = [uuid.uuid4() for _ in range(count)]
    for n, learner in enumerate(learners):
        message = uuid.uuid4()
        await db.execute(
            "INSERT INTO messages (id, learner_id, template, body_vi, body_en, created_at, source_event_id)"
            " VALUES ($1, $2, 'enrolment-confirmed', 'x', 'x', now(), $3)",
            message,
            learner,
            str(uuid.uuid4()),
        )
        await db.execute(
            "INSERT INTO deliveries (id, message_id, learner_id, channel, kind, status, attempts,"
            " next_attempt_at) VALUES ($1, $2, $3, 'in_app', 'enrolment-confirmed', 'pending', 0, $4)",
            uuid.uuid4(),
            message,
            learner,
            FAR,
        )
        if n < opted_out:
            await db.execute("INSERT INTO opt_outs VALUES ($1, 'in_app', now())", learner)
    return learners


async def _statements_of_one_cycle(service) -> int:
    """Run `deliver_due` once on a pool whose connections log every statement; how many ran."""
    ran: list[str] = []
    dsn = service.runtime.settings.database_url.get_secret_value()

    async def log_statements(conn: asyncpg.Connection) -> None:
        conn.add_query_logger(lambda record: ran.append(record.query))

    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=2, init=log_statements)
    try:
        runtime = service.runtime
        new_uow = lambda: SqlUnitOfWork(pool, runtime.outbox, runtime.telemetry.tracer)  # noqa: E731
        await deliver_due(new_uow, SENDING, Dependencies(FixedClock(FAR)))
    finally:
        await pool.close()
    return len(ran)


async def test_a_batch_of_ten_costs_the_statements_of_a_batch_of_one_and_each_outcome_is_kept(
    notifications,
):
    db = notifications.db
    one = await _seed(db, 1, opted_out=0)
    for_one = await _statements_of_one_cycle(notifications)
    ten = await _seed(db, 10, opted_out=3)
    for_ten = await _statements_of_one_cycle(notifications)

    assert for_ten == for_one
    rows = await db.fetch(
        "SELECT learner_id, status, reason, attempts FROM deliveries WHERE learner_id = ANY($1)", one + ten
    )
    outcome = {r["learner_id"]: (r["status"], r["reason"], r["attempts"]) for r in rows}
    sent, opted_out = ("sent", None, 1), ("failed", "opted-out", 1)
    assert [outcome[learner] for learner in one + ten] == [sent] + [opted_out] * 3 + [sent] * 7
    announced = await db.fetchval(
        "SELECT count(*) FROM outbox o JOIN deliveries d ON o.message_key = d.message_id::text"
        " WHERE d.learner_id = ANY($1)",
        one + ten,
    )
    assert announced == 11
