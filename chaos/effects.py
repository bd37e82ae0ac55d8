"""Every accepted request's effects, read from each service's own database: present once, never twice."""

import uuid
from dataclasses import dataclass, field

import asyncpg
from load import Tally
from stage import Stage

SERVICES = ("content", "enrolment", "notifications", "reporting")


@dataclass
class Effects:
    """Missing and doubled effects, each named by the check that found it."""

    lost: dict[str, int] = field(default_factory=dict)
    duplicated: dict[str, int] = field(default_factory=dict)
    backlog: int = 0  # outbox rows not yet published, all services
    campaign_done: bool = False

    @property
    def settled(self) -> bool:
        return not sum(self.lost.values()) and not self.backlog and self.campaign_done


async def _query(stage: Stage, service: str, sql: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(stage.dsn(service), timeout=5)
    try:
        return list(await conn.fetch(sql, *args))
    finally:
        await conn.close()


def _ids(values: list[str]) -> list[uuid.UUID]:
    return [uuid.UUID(v) for v in values]


async def _enrolments(stage: Stage, tally: Tally, found: Effects) -> None:
    """One enrolment row, one confirmation message and one reporting fact per accepted enrolment."""
    ids = list(tally.enrolments)
    rows = await _query(stage, "enrolment", "SELECT id FROM enrolments WHERE id = ANY($1)", _ids(ids))
    found.lost["enrolment rows"] = len(ids) - len(rows)
    sql = (
        "SELECT source_event_id, count(*) AS n FROM messages "
        "WHERE template = 'enrolment-confirmed' AND source_event_id = ANY($1) GROUP BY 1"
    )
    messages = await _query(stage, "notifications", sql, ids)
    found.lost["confirmation messages"] = len(ids) - len(messages)
    found.duplicated["confirmation messages"] = sum(r["n"] - 1 for r in messages)
    sql = "SELECT count(*) AS n FROM enrolment_facts WHERE enrolment_id = ANY($1)"
    facts = (await _query(stage, "reporting", sql, _ids(ids)))[0]["n"]
    found.lost["reporting facts"] = len(ids) - facts


async def _totals(stage: Stage, found: Effects) -> None:
    """Whole databases: no more confirmations or facts than enrolment rows (a double under any id)."""
    rows = (await _query(stage, "enrolment", "SELECT count(*) AS n FROM enrolments"))[0]["n"]
    sql = "SELECT count(*) AS n FROM messages WHERE template = 'enrolment-confirmed'"
    messages = (await _query(stage, "notifications", sql))[0]["n"]
    facts = (await _query(stage, "reporting", "SELECT count(*) AS n FROM enrolment_facts"))[0]["n"]
    found.duplicated["confirmations beyond enrolments"] = max(0, messages - rows)
    found.duplicated["facts beyond enrolments"] = max(0, facts - rows)


async def _statements(stage: Stage, tally: Tally, found: Effects) -> None:
    sql = "SELECT count(*) AS n FROM xapi_statements WHERE id = ANY($1)"
    stored = (await _query(stage, "reporting", sql, _ids(tally.statements)))[0]["n"]
    found.lost["xapi statements"] = len(tally.statements) - stored


async def _campaign(stage: Stage, campaign: str, audience: int, found: Effects) -> None:
    """Each learner of the campaign's locality has exactly one message of the campaign."""
    sql = (
        "SELECT count(*) AS n, count(DISTINCT learner_id) AS learners FROM messages "
        "WHERE template = 'campaign' AND source_event_id = $1"
    )
    row = (await _query(stage, "notifications", sql, campaign))[0]
    found.lost["campaign messages"] = audience - row["learners"]
    found.duplicated["campaign messages"] = row["n"] - row["learners"]
    status = await _query(
        stage, "notifications", "SELECT status FROM campaigns WHERE id = $1", uuid.UUID(campaign)
    )
    found.campaign_done = bool(status) and status[0]["status"] == "finished"


async def _backlog(stage: Stage, found: Effects) -> None:
    for service in SERVICES:
        sql = "SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL"
        found.backlog += (await _query(stage, service, sql))[0]["n"]


async def effects(stage: Stage, tally: Tally, campaign: str, audience: int) -> Effects:
    """What the databases hold now for this round's accepted requests and its campaign."""
    found = Effects()
    await _enrolments(stage, tally, found)
    await _totals(stage, found)
    await _statements(stage, tally, found)
    await _campaign(stage, campaign, audience, found)
    await _backlog(stage, found)
    return found
