"""The bench's one table (printed) and docs/performance.md (between markers, notes around them kept)."""

import os
import platform
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from httpload import HttpFigure
from latency import LatencyFigure
from localinfra.kafka_dist import KAFKA_VERSION

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PACKAGES = ("aiokafka", "asyncpg", "faststream", "fastapi", "uvicorn", "pydantic", "opentelemetry-sdk")


@dataclass(frozen=True)
class PipelineFigure:
    """One path at one size: the kit's rate beside the raw baseline's, measured one after the other."""

    name: str
    baseline: str
    events: int
    kit: float
    raw: float
    goal: str


def machine(postgres_version: str) -> list[str]:
    """Cores, memory, load and versions, as lines."""
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem_mib = int(next(line.split()[1] for line in meminfo if line.startswith("MemTotal"))) // 1024
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    servers = f"Kafka {KAFKA_VERSION} (KRaft, 1 broker), {postgres_version}"
    return [
        f"{os.cpu_count()} cores ({model}), {mem_mib} MiB memory, load average at the end {load}",
        f"Python {platform.python_version()}, {servers}, {_wrk_version()}",
        ", ".join(f"{p} {version(p)}" for p in PACKAGES),
    ]


def _wrk_version() -> str:
    if shutil.which("wrk") is None:
        return "wrk absent"
    return subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False).stdout.split(" [")[0]


def pipeline_table(figures: list[PipelineFigure]) -> list[str]:
    lines = [
        "| path | events | kit events/s | raw baseline | baseline events/s | ratio | goal |",
        "|---|---:|---:|---|---:|---:|---|",
    ]
    for f in figures:
        lines.append(
            f"| {f.name} | {f.events:,} | {f.kit:,.0f} | {f.baseline} | {f.raw:,.0f} "
            f"| {f.kit / f.raw:.2f}x | {f.goal} |"
        )
    return lines


def http_table(figures: list[HttpFigure]) -> list[str]:
    live = {f.connections: f.rate for f in figures if "health" in f.name}
    lines = [
        "| request | connections | req/s | p50 ms | p99 ms | p99.9 ms | socket errors | non-2xx "
        "| ratio to /health/live |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for f in figures:
        ratio = (
            f"{f.rate / live[f.connections]:.2f}x" if f.connections in live and "raw" not in f.name else "-"
        )
        # a run whose thread used up its pairs measured the bench, not the path: no rate, said plainly
        rate, ratio = ("ran out of pairs", "-") if f.ran_out else (f"{f.rate:,.0f}", ratio)
        lines.append(
            f"| {f.name} | {f.connections} | {rate} | {f.p50:.1f} | {f.p99:.1f} | {f.p999:.1f} "
            f"| {f.errors} | {f.non2xx} | {ratio} |"
        )
    return lines


def latency_table(figures: list[LatencyFigure]) -> list[str]:
    lines = [
        "| end to end: enrolment commit -> consumer: what is measured | arrival rate | events | enrolments "
        "| events each "
        "| p50 ms | p99 ms | goal | p99 / raw p99 (same rate, same run) |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    raw = {f.rate: f.p99 for f in figures if f.consumer.startswith("raw baseline")}
    for f in figures:
        goal, each = "p99 < 100 ms at 500/s", f"{f.events / f.enrolments:.1f}" if f.enrolments else "-"
        ratio = f"{f.p99 / raw[f.rate]:.2f}x" if raw.get(f.rate) else "-"  # raw rows: 1.00x, by definition
        goal = "-" if f.consumer.startswith("raw baseline") else goal
        lines.append(
            f"| {f.consumer} | {f.rate}/s | {f.events} | {f.enrolments} | {each} | {f.p50:.0f} | {f.p99:.0f} "
            f"| {goal} | {ratio} |"
        )
    return lines


def render(
    pipeline: list[PipelineFigure],
    http: list[HttpFigure],
    e2e: list[LatencyFigure],
    about: list[str],
    seconds: float,
    more: list[str] | None = None,
) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        START,
        f"Measured by `make bench` on {when} in {seconds:.0f} s, one run; figures as measured.",
        "",
    ]
    parts += [f"- {line}" for line in about] + ["", *pipeline_table(pipeline), ""]
    if not any("raw" not in f.name for f in http):
        parts += ["HTTP: wrk absent, no HTTP figures.", ""]
    parts += [*http_table(http), ""]
    parts += [*latency_table(e2e), ""]
    parts += [*more, ""] if more else []  # further sections (xAPI ingestion)
    return "\n".join([*parts, END])


def write(path: Path, block: str) -> None:
    """Replace the measured block of `path`, keeping the notes written around it."""
    text = path.read_text() if path.exists() else f"# Performance\n\n{START}\n{END}\n"
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    path.write_text(head + block + tail)
