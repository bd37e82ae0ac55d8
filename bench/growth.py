"""How each figure grows with load in `make bench`: 1x, 4x and 16x the clients or the data, each beside its
raw baseline at the same size in the same run, and the ratio. The 16x row of each path is its main row's
figure (the goal size); the smaller sizes are 1/16 and 1/4 of it, rounded, measured just before or after."""

import asyncio
import statistics
import time
from dataclasses import dataclass
from urllib.parse import quote

import campaign_bench
import search
import xapi_ingest
import xapi_raw
from campaign_bench import CampaignFigure
from httpload import HttpFigure, wrk
from localinfra.platform import Platform
from workload import Workload

NOMINAL = (1, 4, 16)  # the goal size is 16x: the others are its 1/16 and 1/4 (a tie keeps the smaller)


@dataclass(frozen=True)
class GrowthRow:
    """One path at one size: the platform's rate beside its raw baseline's, same size, same run."""

    path: str
    scale: str  # "1x", "4x", "16x" of the smallest
    size: str  # what grows, in words ("3,125 recipients")
    kit: float
    baseline: str
    raw: float
    p99: tuple[float, float] | None = None  # platform's and baseline's p99 ms, where both are measured


def sizes(goal: int) -> list[tuple[str, int]]:
    """(label, size) for 1x, 4x and 16x, where 16x is `goal`; a size too small to differ is dropped."""
    found: dict[int, str] = {}
    for nominal in NOMINAL:
        found.setdefault(max(1, round(goal * nominal / 16)), f"{nominal}x")
    return sorted(((label, size) for size, label in found.items()), key=lambda pair: pair[1])


def smaller(goal: int) -> list[tuple[str, int]]:
    """The sizes below the goal's (the goal's own row is measured by its section)."""
    return [(label, size) for label, size in sizes(goal) if size < goal]


def search_rows(platform: Platform, goal: list[HttpFigure], courses: int, seconds: int) -> list[GrowthRow]:
    """Catalogue search at 1/16 and 1/4 of the goal's clients (wrk, then the raw SQL pool), then the goal's
    own figures (`goal`: search.figures' two rows), on the catalogue search.figures seeded."""
    if not goal:
        return []  # wrk absent: no search figures
    found, bare, began = *goal, time.monotonic()
    measured = [(label, c, *_search_at(platform, c, seconds)) for label, c in smaller(found.connections)]
    spent("catalogue search at the smaller client counts", began)
    measured.append(("16x", found.connections, found, bare))
    path, baseline = f"catalogue search, {courses:,} courses (req/s)", "raw asyncpg, same SQL, pool of 10"
    return [
        GrowthRow(path, label, f"{c} client{'s' * (c > 1)}", kit.rate, baseline, raw.rate, (kit.p99, raw.p99))
        for label, c, kit, raw in measured
    ]


def _search_at(platform: Platform, clients: int, seconds: int) -> tuple[HttpFigure, HttpFigure]:
    paths = ",".join(f"/v1/courses?q={quote(q)}&limit=20" for q in search.QUERIES)
    url = f"http://127.0.0.1:{platform.ports.http('content')}"
    kit = wrk(url, "search", clients, seconds, {"BENCH_PATHS": paths}, script=search.LUA)[0]
    rate, latencies = asyncio.run(search.raw(search._dsn(platform), clients, seconds))
    p99 = statistics.quantiles(latencies, n=100)[98] if len(latencies) > 1 else latencies[0]
    return kit, HttpFigure("raw", clients, rate, statistics.median(latencies), p99, p99, 0, 0)


def xapi(platform: Platform, load: Workload) -> tuple[xapi_ingest.IngestFigure, list[GrowthRow]]:
    """xAPI ingestion at 1/16 and 1/4 of BENCH_XAPI_STATEMENTS, then at the goal (its main row), same clients;
    each beside the raw asyncpg insert of the same rows."""
    began = time.monotonic()
    measured = [
        (label, asyncio.run(xapi_ingest.measure(platform, load, n)))
        for label, n in smaller(xapi_ingest.STATEMENTS)
    ]
    spent("xAPI ingestion at the smaller sizes", began)
    main = asyncio.run(xapi_ingest.measure(platform, load))
    measured.append(("16x", main))
    path = f"xAPI statements accepted, {xapi_ingest.CLIENTS} clients, batches of 100 (statements/s)"
    rows = [
        GrowthRow(path, label, f"{f.statements:,} statements", f.accepted_rate, xapi_raw.BASELINE, f.raw_rate)
        for label, f in measured
    ]
    return main, rows


async def campaign(platform: Platform, goal: CampaignFigure, goal_raw: CampaignFigure) -> list[GrowthRow]:
    """The campaign at 1/16 and 1/4 of the goal's recipients, each beside the bare aiosmtplib loop sending as
    many mails, then the goal's own figures (measured by the notifications section)."""
    measured, began = [], time.monotonic()
    for label, n in smaller(goal.recipients):
        kit = await campaign_bench.campaign(platform, n)
        measured.append((label, kit, await campaign_bench.raw_baseline(platform, n)))
    spent("the campaign at the smaller sizes", began)
    measured.append(("16x", goal, goal_raw))
    baseline = f"raw aiosmtplib, {campaign_bench.RAW_CONNECTIONS} connections"
    return [
        GrowthRow(
            "campaign by e-mail (messages/s)",
            label,
            f"{kit.mailed:,} of {kit.recipients:,} recipients",
            kit.mailed / kit.seconds,
            baseline,
            raw.mailed / raw.seconds,
        )
        for label, kit, raw in measured
    ]


def projection(growth: dict[int, tuple[float, float]], baseline: str) -> list[GrowthRow]:
    """The projection's rate over the first 1/16, 1/4 and all of the pre-filled events (`ingest`)."""
    labels = dict((size, label) for label, size in sizes(max(growth)))
    return [
        GrowthRow("reporting projection (events/s)", labels[n], f"first {n:,} events", kit, baseline, raw)
        for n, (kit, raw) in sorted(growth.items())
    ]


def spent(what: str, began: float) -> None:
    """Print what a growth measurement added to the bench's wall time (kept bounded: a few minutes)."""
    print(f"growth: {what} took {time.monotonic() - began:.0f} s", flush=True)


def table(rows: list[GrowthRow]) -> list[str]:
    """The growth section of the report."""
    lines = [
        "| how it grows: path | load | size | platform /s | raw baseline (same size, same run) | baseline /s "
        "| ratio | p99 ms platform / baseline |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for r in rows:
        p99 = f"{r.p99[0]:,.1f} / {r.p99[1]:,.1f}" if r.p99 else "-"
        ratio = f"{r.kit / r.raw:.2f}x" if r.raw else "-"
        cells = [r.path, r.scale, r.size, f"{r.kit:,.0f}", r.baseline, f"{r.raw:,.0f}", ratio, p99]
        lines.append("| " + " | ".join(cells) + " |")
    return lines
