"""Enrolment's HTTP path with 1, 2, 3 HTTP workers and with/without uvloop+httptools, alternated in one run.

`python bench/workers_ab.py`: starts the platform once, then for each round starts a second enrolment
instance per configuration (same database and topics, its own port), runs wrk on /health/live and on
POST /v1/enrolments over the spread offerings, and the raw asyncpg baseline, and prints one row each.
Knobs: BENCH_AB_ROUNDS (3), BENCH_AB_SECONDS (8), BENCH_AB_CONNECTIONS (16), BENCH_AB_CONFIGS
("1:0,1:1,2:1,3:1" = workers:speedups), BENCH_AB_PROFILE (a py-spy raw profile of the last round's
"2:1" instance at load, into this directory).
"""

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
import rawinserts
from httpload import _enrolments, start_platform, wrk
from localinfra.lifecycle import stop_everything_on_sigterm
from localinfra.platform import Platform
from localinfra.ports import free_ports
from localinfra.postgres import create_service_database
from localinfra.processes import ManagedProcess, group_members, spawn
from workload import Workload, prepare

ROUNDS = int(os.environ.get("BENCH_AB_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_AB_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_AB_CONNECTIONS", "16"))
_CONFIGS = os.environ.get("BENCH_AB_CONFIGS", "1:0,1:1,2:1,3:1")
CONFIGS = [tuple(int(x) for x in c.split(":")) for c in _CONFIGS.split(",")]
PROFILE = os.environ.get("BENCH_AB_PROFILE", "")


def _instance(platform: Platform, workers: int, speedups: int) -> tuple[ManagedProcess, str]:
    env_file = platform.state / "env" / "enrolment.env"
    own = dict(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
    port, metrics = free_ports(2)
    own |= {"ENROLMENT_HTTP_PORT": str(port), "ENROLMENT_METRICS_PORT": str(metrics)}
    own |= {"ENROLMENT_HTTP_WORKERS": str(workers), "ENROLMENT_HTTP_SPEEDUPS": str(bool(speedups)).lower()}
    own.pop("ENROLMENT_MIGRATION_DATABASE_URL", None)
    name = f"ab-{workers}-{speedups}-{uuid.uuid4().hex[:4]}"
    process = spawn(
        [sys.executable, "-m", "enrolment", "serve"],
        pid_file=platform.state / f"{name}.pid",
        output=platform.state / f"{name}.log",
        env={**os.environ, **own},
    )
    return process, f"http://127.0.0.1:{port}"


def _wait_ready(url: str, process: ManagedProcess, workers: int) -> None:
    """Every process has started its app (on a loaded machine a worker's start took over a minute, and a
    run measured then timed its start-up), then ready answers from the processes (the kernel picks one
    per connection: ask many times)."""
    deadline, streak = time.monotonic() + 300, 0
    while streak < 10 * workers:
        assert time.monotonic() < deadline and process.alive(), process.log_tail()
        started = process.logs[-1].read_text().count("Application startup complete")
        try:
            ok = httpx.get(f"{url}/health/ready", timeout=5).status_code == 200
        except httpx.TransportError:
            ok = False
        streak = streak + 1 if ok and started >= workers else 0
        time.sleep(0.05)


def _profile(process: ManagedProcess, tag: str) -> list[subprocess.Popen[bytes]]:
    if not PROFILE:
        return []
    spy = shutil.which("py-spy") or str(Path.home() / ".local" / "bin" / "py-spy")
    return [
        subprocess.Popen(
            [
                spy,
                "record",
                "--idle",
                "--format",
                "raw",
                "-r",
                "50",
                "-d",
                str(SECONDS),
                "--nonblocking",
                "-p",
                str(pid),
                "-o",
                f"{PROFILE}/{tag}-{pid}.txt",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for pid in group_members(process.pid)
    ]


def _run(platform: Platform, load: Workload, workers: int, speedups: int, profile: bool) -> str:
    process, url = _instance(platform, workers, speedups)
    try:
        _wait_ready(url, process, workers)
        live = wrk(url, "live", CONNECTIONS, SECONDS, {"BENCH_MODE": "health"})[0]
        spies = _profile(process, f"w{workers}s{speedups}") if profile else []
        enrol = _enrolments(url, load, CONNECTIONS, SECONDS, hot=False)
        for spy in spies:
            spy.wait()
    finally:
        process.stop(grace=20)
    raw = asyncio.run(_raw(platform))
    load_avg = os.getloadavg()[0]
    return (
        f"| {workers} | {'uvloop+httptools' if speedups else 'asyncio+h11'} | {enrol.rate:,.0f} | "
        f"{enrol.p50:.0f} / {enrol.p99:.0f} | {enrol.errors + enrol.non2xx} | {live.rate:,.0f} | "
        f"{raw.rate:,.0f} | {enrol.rate / raw.rate:.2f} | {enrol.rate / live.rate:.2f} | {load_avg:.1f} |"
    )


async def _raw(platform: Platform) -> rawinserts.HttpFigure:
    assert platform.postgres is not None
    db = await create_service_database(platform.postgres, f"ab_raw_{uuid.uuid4().hex[:6]}", "bench")
    return await rawinserts.enrolments(db, 3000, CONNECTIONS)


def main() -> None:
    stop_everything_on_sigterm()
    state = Path(tempfile.mkdtemp(prefix="lc-ab-", dir="/tmp"))
    state.chmod(0o755)
    platform = start_platform(state, 300)
    try:
        load = asyncio.run(prepare(platform, 40, 3000, 1))
        print(
            f"| workers | loop+parser | enrol/s ({CONNECTIONS} conn) | p50/p99 ms | errors | "
            "/health/live/s | raw asyncpg/s | enrol/raw | enrol/live | load1 |",
            flush=True,
        )
        print("|---|---|---|---|---|---|---|---|---|---|", flush=True)
        for r in range(ROUNDS):
            order = CONFIGS if r % 2 == 0 else CONFIGS[::-1]  # alternate: no config always runs first
            for workers, speedups in order:
                last = r == ROUNDS - 1 and (workers, speedups) == (2, 1)
                print(_run(platform, load, workers, speedups, last), flush=True)
    finally:
        platform.stop()
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    main()
