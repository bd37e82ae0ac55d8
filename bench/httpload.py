"""HTTP figures with wrk against the running platform: /health/live and POST /v1/enrolments."""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from localinfra.platform import Platform, Ports, start
from localinfra.ports import free_ports
from servicekit.devtoken import local_dev_token
from workload import Workload

LUA = Path(__file__).with_name("enrol.lua")
INSTALL_HINT = "wrk is not installed: `apt-get install wrk` (make bench does it when run as root)"


@dataclass(frozen=True)
class HttpFigure:
    """One wrk run: what was asked, the rate and the latency percentiles (milliseconds)."""

    name: str
    connections: int
    rate: float
    p50: float
    p99: float
    p999: float
    errors: int
    non2xx: int
    ran_out: bool = False  # a wrk thread used up its pairs: the rate is not the path's (report prints so)


def start_platform(state: Path, postgres_connections: int) -> Platform:
    """Kafka, PostgreSQL and the four services on free ports (as `make run`, without demo data).

    PostgreSQL allows `postgres_connections` (its default 100 is too few beside the pools for 100 raw
    clients: "too many clients already")."""
    kafka, controller, postgres, smtp = free_ports(4)  # the mail sink too: `make run` may hold 8025
    http_base, metrics_base = free_ports(4, consecutive=True)[0], free_ports(4, consecutive=True)[0]
    ports = Ports(kafka, controller, postgres, http_base, metrics_base, smtp)
    platform = Platform(state, ports, postgres_max_connections=postgres_connections)
    try:
        start(platform)
    except BaseException:
        platform.stop()
        raise
    return platform


def wrk(
    url: str, name: str, connections: int, seconds: int, env: dict[str, str], script: Path = LUA
) -> tuple[HttpFigure, int]:
    """Run wrk for `seconds` with `connections` (two threads, one for a single connection) and `script`.

    Returns the figure (`ran_out`: a thread had no pair left) and the first pair index no thread took."""
    threads = "1" if connections == 1 else "2"
    argv = ["wrk", "-t", threads, "-c", str(connections), "-d", f"{seconds}s", "-s", str(script), url]
    env = {**os.environ, **env, "BENCH_THREADS": threads}
    out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    rate = r["requests"] / r["seconds"]
    ran_out = r.get("ran_out", 0) > 0  # search.lua has no pairs to run out of
    figure = HttpFigure(
        name, connections, rate, r["p50_ms"], r["p99_ms"], r["p999_ms"], r["errors"], r["non2xx"], ran_out
    )
    return figure, int(r["next"])


def _enrolments(url: str, load: Workload, connections: int, seconds: int, hot: bool) -> HttpFigure:
    """POST /v1/enrolments on a fresh hot offering or over the spread ones, from the next unused pairs."""
    offerings = [load.next_hot_offering()] if hot else load.spread
    name = "POST /v1/enrolments, 1 offering" if hot else f"POST /v1/enrolments, {len(offerings)} offerings"
    env = {
        "BENCH_TOKEN": local_dev_token("bench-admin", ["admin"]),
        "BENCH_OFFERINGS": ",".join(offerings),
        "BENCH_LEARNERS_FILE": str(load.file),
        "BENCH_FIRST": str(0 if hot else load.next_spread),
    }
    figure, after = wrk(url, name, connections, seconds, env)
    if not hot:
        load.next_spread = after
    return figure


def http_figures(
    platform: Platform, load: Workload, seconds: int, connections: tuple[int, ...]
) -> list[HttpFigure]:
    """/health/live, enrolments on one offering and over the spread ones, at each number of connections."""
    if shutil.which("wrk") is None:
        print(INSTALL_HINT)
        return []
    url = f"http://127.0.0.1:{platform.ports.http('enrolment')}"
    figures = []
    for c in connections:
        figures.append(wrk(url, "GET /health/live", c, seconds, {"BENCH_MODE": "health"})[0])
        figures.append(_enrolments(url, load, c, seconds, hot=True))
        figures.append(_enrolments(url, load, c, seconds, hot=False))
    return figures
