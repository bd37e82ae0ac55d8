"""The per-request cost of the kit's HTTP stack, in one run: catalogue search (50 clients) and content's
`/health/live` at as many, enrolments (16 connections) beside enrolment's `/health/live`, the raw search SQL,
each service's CPU seconds per request, and optionally a py-spy profile of content under the search load.

`python bench/httpcost.py [profile-dir]` (wrk and, for profiles, py-spy on PATH); knobs as `make bench`'s.
"""

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import search
from httpload import HttpFigure, _enrolments, start_platform, wrk
from localinfra.lifecycle import stop_everything_on_sigterm
from localinfra.platform import Platform
from report import http_table
from workload import prepare

SECONDS = int(os.environ.get("BENCH_HTTP_SECONDS", "10"))
COURSES = int(os.environ.get("BENCH_SEARCH_COURSES", "10000"))
CLIENTS = int(os.environ.get("BENCH_SEARCH_CONNECTIONS", "50"))
LEARNERS = int(os.environ.get("BENCH_LEARNERS", "1000"))


def _cpu(platform: Platform, service: str) -> float:
    """The service process's user + system CPU seconds so far (from /proc)."""
    pid = int((platform.state / f"{service}.pid").read_text())
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measured(platform: Platform, service: str, run: Callable[[], HttpFigure], profile: Path | None) -> str:
    """Run one wrk figure, optionally under py-spy; its table row plus the CPU per request."""
    spy = None
    if profile is not None:
        pid = (platform.state / f"{service}.pid").read_text().strip()
        argv = ["py-spy", "record", "-r", "200", "-f", "raw", "-o", str(profile), "-d", str(SECONDS)]
        argv += ["-p", pid]
        spy = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    before = _cpu(platform, service)
    figure = run()
    used = _cpu(platform, service) - before
    if spy is not None:
        spy.wait()
    requests = figure.rate * SECONDS
    row = http_table([figure])[-1]
    return f"{row}  {service} CPU {used:.1f} s, {1000 * used / max(requests, 1):.3f} ms/request"


def main() -> None:
    profiles = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    stop_everything_on_sigterm()
    state = Path(tempfile.mkdtemp(prefix="lc-httpcost-", dir="/tmp"))
    state.chmod(0o755)
    platform = start_platform(state, 120)
    try:
        load = asyncio.run(prepare(platform, 40, LEARNERS, 1))
        asyncio.run(search.seed(platform, COURSES))
        content = f"http://127.0.0.1:{platform.ports.http('content')}"
        enrol = f"http://127.0.0.1:{platform.ports.http('enrolment')}"
        paths = ",".join(f"/v1/courses?q={q.replace(' ', '%20')}&limit=20" for q in search.QUERIES)
        wrk(content, "warm-up", CLIENTS, 2, {"BENCH_PATHS": paths}, script=search.LUA)
        prof = (lambda n: profiles / n) if profiles else (lambda n: None)
        rows = [
            _measured(
                platform,
                "content",
                lambda: wrk(
                    content, "GET /health/live (content)", CLIENTS, SECONDS, {"BENCH_MODE": "health"}
                )[0],
                prof("live.txt"),
            ),
            _measured(
                platform,
                "content",
                lambda: wrk(
                    content,
                    "GET /v1/courses?q= (search)",
                    CLIENTS,
                    SECONDS,
                    {"BENCH_PATHS": paths},
                    script=search.LUA,
                )[0],
                prof("search.txt"),
            ),
            _measured(
                platform,
                "enrolment",
                lambda: wrk(enrol, "GET /health/live (enrolment)", 16, SECONDS, {"BENCH_MODE": "health"})[0],
                None,
            ),
            _measured(
                platform,
                "enrolment",
                lambda: _enrolments(enrol, load, 16, SECONDS, hot=False),
                prof("enrol.txt"),
            ),
        ]
        rate, _ = asyncio.run(search.raw(search._dsn(platform), CLIENTS, SECONDS))
        rows.append(f"raw asyncpg search SQL, pool of 10, {CLIENTS} clients: {rate:.0f} q/s")
        print("\n".join(rows), flush=True)
        print(subprocess.run(["uptime"], capture_output=True, text=True).stdout)
    finally:
        platform.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    main()
