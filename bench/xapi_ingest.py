"""xAPI ingestion: statements/s posted over HTTP in batches of 100 until reporting has them as activity facts.

Each statement is about a learner reporting knows, on a bench offering (its parent activity), with its own
object id, so each becomes one `learning_activity.recorded.v1` (reporting's outbox) and one activity fact
(reporting's consumer of `city.learning-activity`): the clock stops when the last fact is there."""

import asyncio
import os
import shutil
import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import xapi_raw
from httpload import start_platform
from latency import _dsn
from localinfra.platform import Platform
from servicekit.devtoken import local_dev_token
from workload import Workload, prepare

STATEMENTS = int(os.environ.get("BENCH_XAPI_STATEMENTS", "20000"))
CLIENTS = int(os.environ.get("BENCH_XAPI_CLIENTS", "4"))  # city systems posting at once, one batch each
TIMEOUT = float(os.environ.get("BENCH_XAPI_TIMEOUT", "300"))
BATCH, HOME = 100, "https://learningcity.hanoi.gov.vn"


@dataclass(frozen=True)
class IngestFigure:
    """Statements, clients, rates (accepted over HTTP; visible as facts in reporting) and batch latency."""

    statements: int
    clients: int
    accepted_rate: float
    visible_rate: float
    p50_ms: float
    p99_ms: float
    raw_rate: float  # the same rows inserted by raw asyncpg (xapi_raw), same run, same batches and clients
    cpu_us: float  # reporting's process CPU a statement, from the first post until its fact: load-proof


def _statement(run: str, i: int, learner: str, offering: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": HOME, "name": learner}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": f"https://lms.bench.example/{run}/modules/{i}"},
        "context": {"contextActivities": {"parent": [{"id": f"{HOME}/offerings/{offering}"}]}},
        "timestamp": "2027-03-01T02:15:00Z",
    }


async def _until(db: asyncpg.Connection, sql: str, args: list[Any], want: int, deadline: float) -> None:
    while await db.fetchval(sql, *args) < want:
        if time.monotonic() > deadline:
            raise RuntimeError(f"xAPI bench: reporting did not reach {want} rows in time")
        await asyncio.sleep(0.05)


async def _client(url: str, k: int, batches: asyncio.Queue[list[dict[str, Any]]], took: list[float]) -> None:
    token = local_dev_token(f"bench-lms-{k}", ["city-system"], scopes=["statements/write"])
    headers = {"Authorization": f"Bearer {token}", "X-Experience-API-Version": "1.0.3"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as client:
        while not batches.empty():
            batch = batches.get_nowait()
            started = time.perf_counter()
            (await client.post("/xAPI/statements", json=batch)).raise_for_status()
            took.append((time.perf_counter() - started) * 1000)


def _cpu_seconds(platform: Platform, service: str) -> float:
    """CPU (user + system) the service's process has used: unlike wall time, a loaded machine barely
    changes it, so before/after figures of the same code path compare."""
    pid = (platform.state / f"{service}.pid").read_text().strip()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(platform: Platform, load: Workload, n: int = STATEMENTS) -> IngestFigure:
    """Post `n` statements in batches of 100 from CLIENTS clients; wait until reporting has each fact."""
    run, url = uuid.uuid4().hex[:8], f"http://127.0.0.1:{platform.ports.http('reporting')}"
    db = await asyncpg.connect(_dsn(platform, "reporting"))
    try:
        known = "SELECT count(*) FROM learner_dimensions WHERE learner_id = ANY($1::uuid[])"
        await _until(db, known, [load.learners], len(load.learners), time.monotonic() + TIMEOUT)
        statements = [
            _statement(run, i, load.learners[i % len(load.learners)], load.spread[i % len(load.spread)])
            for i in range(n)
        ]
        batches: asyncio.Queue[list[dict[str, Any]]] = asyncio.Queue()
        for batch in batches_of(statements):
            batches.put_nowait(batch)
        took: list[float] = []
        cpu, started = _cpu_seconds(platform, "reporting"), time.monotonic()
        await asyncio.gather(*(_client(url, k, batches, took) for k in range(CLIENTS)))
        accepted = time.monotonic() - started
        facts = "SELECT count(*) FROM activity_facts WHERE ref LIKE $1"
        await _until(db, facts, [f"https://lms.bench.example/{run}/%"], n, started + TIMEOUT)
        visible, cpu = time.monotonic() - started, _cpu_seconds(platform, "reporting") - cpu
    finally:
        await db.close()
    assert platform.postgres is not None
    raw = await xapi_raw.statements_per_second(platform.postgres, batches_of(statements), CLIENTS)
    p99 = statistics.quantiles(took, n=100)[98] if len(took) > 1 else took[0]
    median = statistics.median(took)
    return IngestFigure(n, CLIENTS, n / accepted, n / visible, median, p99, raw, cpu / n * 1e6)


def batches_of(statements: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The statements in batches of BATCH, in order."""
    return [statements[i : i + BATCH] for i in range(0, len(statements), BATCH)]


def table(figure: IngestFigure | None) -> list[str]:
    """The section of the report (bench/run.py prints and writes it)."""
    if figure is None:
        return []
    f = figure
    return [
        "| xAPI ingestion (batches of 100) | statements | clients | accepted/s | visible as events/s |"
        " raw asyncpg insert/s (same rows) | accepted / raw | batch p50 ms | batch p99 ms |"
        " reporting CPU us/statement | goal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        f"| POST /xAPI/statements -> activity facts in reporting | {f.statements} | {f.clients} |"
        f" {f.accepted_rate:,.0f} | {f.visible_rate:,.0f} | {f.raw_rate:,.0f} |"
        f" {f.accepted_rate / f.raw_rate:.2f}x |"
        f" {f.p50_ms:.0f} | {f.p99_ms:.0f} | {f.cpu_us:,.0f} | >= 5,000/s |",
    ]


def main() -> None:
    """`python bench/xapi_ingest.py`: this section alone, on a platform of its own (`make bench` runs all)."""
    state = Path(tempfile.mkdtemp(prefix="lc-xapi-bench-", dir="/tmp"))
    state.chmod(0o755)  # PostgreSQL runs as an unprivileged user when we are root
    platform = start_platform(state, 100)
    try:
        load = asyncio.run(prepare(platform, 40, int(os.environ.get("BENCH_LEARNERS", "200")), 0))
        print("\n".join(table(asyncio.run(measure(platform, load)))), flush=True)
    finally:
        platform.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    main()
