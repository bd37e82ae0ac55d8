"""`make bench`: the platform's hot paths beside raw baselines in one run; prints one table, writes docs."""

import asyncio
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg
from contracts.topics import COURSES, FOREVER, Topic
from localinfra.postgres import PostgresServer, create_service_database
from servicekit.kafka import ensure_topics

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import campaign_bench
import e2e_raw
import growth
import ingest
import latency
import pipeline
import rawinserts
import search
import trigger_latency
import xapi_ingest
from httpload import HttpFigure, http_figures, start_platform
from latency import LatencyFigure
from localinfra.lifecycle import stop_everything_on_sigterm
from localinfra.platform import Platform
from report import PipelineFigure, http_table, latency_table, machine, pipeline_table, render, write
from settle import settle
from workload import Workload, prepare

EVENTS = int(os.environ.get("BENCH_EVENTS", "4000"))  # the 1x size; then 4x and 16x
SCALES = tuple(int(s) for s in os.environ.get("BENCH_SCALES", "1,4,16").split(",") if s)
HTTP_SECONDS = int(os.environ.get("BENCH_HTTP_SECONDS", "10"))
COURSE_COUNT = int(os.environ.get("BENCH_COURSE_COUNT", "40"))  # spread offerings, one course each
LEARNER_COUNT = int(os.environ.get("BENCH_LEARNERS", "3000"))  # the hot offering's runs stop when used up
# enrolments/s on a fixed schedule, rising; each rate for E2E_SECONDS (requests time out after 10 s: bounded)
E2E_RATES = tuple(int(r) for r in os.environ.get("BENCH_E2E_RATE", "25,100,500").split(",") if r)
E2E_SECONDS = float(os.environ.get("BENCH_E2E_SECONDS", "10"))
SETTLE_SECONDS = float(os.environ.get("BENCH_SETTLE_SECONDS", "180"))  # wait for consumers to catch up
CONNECTIONS = tuple(int(c) for c in os.environ.get("BENCH_CONNECTIONS", "1,10,16,64,100").split(","))
RAW_INSERTS = int(os.environ.get("BENCH_RAW_INSERTS", "3000"))  # enrolments of the raw asyncpg baseline
SEARCH_COURSES = int(os.environ.get("BENCH_SEARCH_COURSES", "10000"))  # catalogue search: courses seeded
SEARCH_CONNECTIONS = int(os.environ.get("BENCH_SEARCH_CONNECTIONS", "50"))  # and its concurrent clients
REPORT = Path(os.environ.get("BENCH_REPORT", Path(__file__).parent.parent / "docs" / "performance.md"))
# the reporting projection from a pre-filled topic of mixed events, and indicator queries on what it projected
INGEST_EVENTS = int(os.environ.get("BENCH_INGEST_EVENTS", "1000000"))
INGEST_QUERIES = int(os.environ.get("BENCH_INGEST_QUERIES", "200"))  # requests per indicator endpoint
RELAY_GOAL, PROJECTION_GOAL = ">= 20,000/s and >= 0.5x", ">= 20,000/s and >= 0.5x"


async def pipeline_figures(kafka: str, pg: PostgresServer, n: int) -> list[PipelineFigure]:
    """Relay (a trace per event, and bulk) at `n` events, each beside its baseline (the projection is
    measured once, on INGEST_EVENTS mixed events)."""
    run = uuid.uuid4().hex[:6]
    prefix, raw = f"bench{run}.", Topic(f"raw{run}", 3, FOREVER, "bench baseline", ())
    await ensure_topics(kafka, [raw, COURSES], prefix)
    db = [await create_service_database(pg, f"bench_{run}_{i}", "bench") for i in range(2)]
    traced = await pipeline.relay(kafka, db[0], prefix, n, trace_per_event=True)
    bulk = await pipeline.relay(kafka, db[1], prefix, n, trace_per_event=False)
    # the producer's faster path in this run: send() per record, or closed record batches per partition
    # (the relay now sends record batches, so the per-record path alone would flatter it)
    per_record = await pipeline.raw_producer(kafka, prefix + raw.name, n)
    batches = await pipeline.raw_record_batches(kafka, prefix + raw.name, n)
    producer = max(per_record, batches)
    print(f"relay baselines, {n:,} events: send() {per_record:,.0f}/s, send_batch {batches:,.0f}/s")
    aiokafka = "aiokafka producer, idempotent, acks=all: the faster of send() and send_batch"
    return [
        PipelineFigure(
            "outbox relay, a trace per event (as HTTP writes)", aiokafka, n, traced, producer, RELAY_GOAL
        ),
        PipelineFigure("outbox relay, 1000-event transactions", aiokafka, n, bulk, producer, RELAY_GOAL),
    ]


async def raw_enrolment_figures(pg: PostgresServer) -> list[HttpFigure]:
    """The raw asyncpg baseline of POST /v1/enrolments at each number of clients, on fresh tables."""
    figures = []
    for c in CONNECTIONS:
        db = await create_service_database(pg, f"bench_raw_{uuid.uuid4().hex[:6]}", "bench")
        figures.append(await rawinserts.enrolments(db, max(RAW_INSERTS, c), c))
    return figures


async def postgres_version(pg: PostgresServer) -> str:
    db = await create_service_database(pg, f"bench_v{uuid.uuid4().hex[:6]}", "bench")
    conn = await asyncpg.connect(db.runtime)
    try:
        return "PostgreSQL " + str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()


# every service's pool (servicekit's db_pool_max, 10) and a margin for migrations, probes and psql
POSTGRES_CONNECTIONS = max(CONNECTIONS) + 4 * 10 + 20


def _say(lines: list[str]) -> None:
    """Print a section's figures as soon as it is measured: a later failure does not lose them."""
    print("\n".join(["", *lines]), flush=True)


Measured = tuple[list[PipelineFigure], list[HttpFigure], list[LatencyFigure], list[str]]


def measure(platform: Platform) -> Measured:
    """Each section in turn, its table printed when done. Notifications' figures and the end-to-end ones
    come first, each once notifications and reporting have caught up (no lag): behind wrk's thousands of
    enrolments they timed the queue (0 of 50 mailed within the wait). The highest rate's backlog drains
    while wrk runs."""
    assert platform.kafka is not None and platform.postgres is not None
    kafka, pg = platform.kafka.bootstrap_servers, platform.postgres
    load = asyncio.run(prepare(platform, COURSE_COUNT, LEARNER_COUNT, len(CONNECTIONS) + 1))
    mailing, grows = _notifications(platform, load)
    _say(mailing)
    e2e = []
    for rate in E2E_RATES:
        asyncio.run(settle(kafka, SETTLE_SECONDS))  # then the raw path first, on the settled platform
        e2e.append(asyncio.run(e2e_raw.measure(kafka, pg, rate, E2E_SECONDS)))
        e2e += asyncio.run(latency.measure(platform, load.spread_pairs(int(rate * E2E_SECONDS)), rate))
        _say(latency_table(e2e[-len(latency.CONSUMERS) - 1 :]))
    http = http_figures(platform, load, HTTP_SECONDS, CONNECTIONS)
    _say(http_table(http))
    raw = asyncio.run(raw_enrolment_figures(pg))
    _say(http_table(raw))
    found = search.figures(platform, SEARCH_COURSES, SEARCH_CONNECTIONS, HTTP_SECONDS)
    _say(http_table(found))
    grows += growth.search_rows(platform, found, SEARCH_COURSES, HTTP_SECONDS)
    xapi, xapi_growth = growth.xapi(platform, load)
    ingest_rows, grows = xapi_ingest.table(xapi), grows + xapi_growth
    _say(ingest_rows)
    figures = []
    for scale in SCALES:
        figures += asyncio.run(pipeline_figures(kafka, pg, EVENTS * scale))
        _say(pipeline_table(figures[-2:]))
    prefixes = tuple(size for _, size in growth.sizes(INGEST_EVENTS))
    projection = asyncio.run(ingest.measure(kafka, pg, INGEST_EVENTS, INGEST_QUERIES, prefixes))
    figures.append(
        PipelineFigure(
            f"reporting projection, mixed events (pre-filled in {projection.fill_seconds:.0f} s)",
            ingest.BASELINE,
            projection.events,
            projection.kit,
            projection.raw,
            PROJECTION_GOAL,
        )
    )
    queries = ingest.query_table(projection)
    _say([*pipeline_table(figures[-1:]), "", *queries])
    grown = growth.table(grows + growth.projection(projection.growth, ingest.BASELINE))
    _say(grown)
    return figures, http + raw + found, e2e, ingest_rows + mailing + queries + ["", *grown]


def _notifications(platform: Platform, load: Workload) -> tuple[list[str], list[growth.GrowthRow]]:
    """Trigger latency (mailable learners, a fresh offering), the campaign and its raw SMTP baseline, and
    the campaign's growth (smaller campaigns, each beside its baseline)."""
    assert platform.kafka is not None
    asyncio.run(settle(platform.kafka.bootstrap_servers, SETTLE_SECONDS))
    pairs = load.mailable_pairs(trigger_latency.TRIGGER_SAMPLES)
    trigger = asyncio.run(trigger_latency.trigger_latency(platform, pairs))
    mailed = asyncio.run(campaign_bench.campaign(platform))
    raw = asyncio.run(campaign_bench.raw_baseline(platform))
    grows = asyncio.run(growth.campaign(platform, mailed, raw))
    return campaign_bench.table(mailed, raw, trigger), grows


def main() -> None:
    started = time.monotonic()
    stop_everything_on_sigterm()  # a time limit's SIGTERM (tests/bench) stops every server this run started
    state = Path(tempfile.mkdtemp(prefix="lc-bench-", dir="/tmp"))
    state.chmod(0o755)  # PostgreSQL runs as an unprivileged user when we are root
    campaign_bench.configure_service()  # the sender as fast as it goes (no quota, no quiet hours)
    platform = start_platform(state, POSTGRES_CONNECTIONS)
    try:
        figures, http, e2e, more = measure(platform)
        assert platform.postgres is not None
        about = machine(asyncio.run(postgres_version(platform.postgres)))
    finally:
        platform.stop()
        shutil.rmtree(state, ignore_errors=True)  # Kafka's and PostgreSQL's data of this run
    block = render(sorted(figures, key=lambda f: f.name), http, e2e, about, time.monotonic() - started, more)
    print("\n" + block)
    write(REPORT, block)
    print(f"\nwritten to {REPORT}")


if __name__ == "__main__":
    main()
