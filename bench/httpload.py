"""HTTP figures with wrk against the running platform: /health/live and POST /v1/enrolments."""

import json
import os
import shutil
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
from localinfra.platform import SERVICES, Platform, Ports, start
from localinfra.ports import free_ports
from servicekit.devtoken import local_dev_token

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


def start_platform(state: Path) -> Platform:
    """Kafka, PostgreSQL and the four services on free ports (as `make run`, without demo data)."""
    kafka, controller, postgres = free_ports(3)
    http_base, metrics_base = free_ports(4, consecutive=True)[0], free_ports(4, consecutive=True)[0]
    platform = Platform(state, Ports(kafka, controller, postgres, http_base, metrics_base))
    try:
        start(platform)
    except BaseException:
        platform.stop()
        raise
    return platform


def open_courses(platform: Platform, count: int, timeout: float = 60.0) -> list[str]:
    """Publish `count` courses without a capacity in content; wait until enrolment has opened each."""
    base = {s: f"http://127.0.0.1:{platform.ports.http(s)}" for s in SERVICES}
    editor = {"Authorization": f"Bearer {local_dev_token('bench-editor', ['content-editor'])}"}
    officer = {"Authorization": f"Bearer {local_dev_token('bench-officer', ['enrolment-officer'])}"}
    ids = []
    for i in range(count):
        course = {
            "code": f"BENCH-{i}",
            "title_vi": "Khóa học",
            "title_en": "Course",
            "theme": "health",
            "delivery_mode": "online",
            "capacity": None,
        }
        response = httpx.post(f"{base['content']}/v1/courses", json=course, headers=editor)
        response.raise_for_status()
        ids.append(response.json()["id"])
    deadline = time.monotonic() + timeout
    for course_id in ids:
        body = {"course_id": course_id, "learner_id": str(uuid.uuid4())}
        while httpx.post(f"{base['enrolment']}/v1/enrolments", json=body, headers=officer).status_code != 201:
            if time.monotonic() > deadline:
                raise RuntimeError("bench courses did not open in enrolment")
            time.sleep(0.2)
    return ids


def wrk(url: str, name: str, connections: int, seconds: int, env: dict[str, str]) -> HttpFigure:
    """Run wrk for `seconds` with `connections` (two threads, one for a single connection)."""
    threads = "1" if connections == 1 else "2"
    argv = ["wrk", "-t", threads, "-c", str(connections), "-d", f"{seconds}s", "-s", str(LUA), url]
    out = subprocess.run(argv, env={**os.environ, **env}, capture_output=True, text=True, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    rate = result["requests"] / result["seconds"]
    return HttpFigure(
        name, connections, rate, result["p50_ms"], result["p99_ms"], result["p999_ms"], result["errors"]
    )


def http_figures(
    platform: Platform, courses: list[str], seconds: int, connections: tuple[int, ...]
) -> list[HttpFigure]:
    """/health/live, enrolments on one course and over all `courses`, at each number of connections."""
    if shutil.which("wrk") is None:
        print(INSTALL_HINT)
        return []
    url = f"http://127.0.0.1:{platform.ports.http('enrolment')}"
    token = local_dev_token("bench-officer", ["enrolment-officer"])
    figures = []
    for c in connections:
        figures.append(wrk(url, "GET /health/live", c, seconds, {"BENCH_MODE": "health"}))
        one = {"BENCH_TOKEN": token, "BENCH_COURSES": courses[0]}
        figures.append(wrk(url, "POST /v1/enrolments, 1 course", c, seconds, one))
        many = {"BENCH_TOKEN": token, "BENCH_COURSES": ",".join(courses)}
        figures.append(wrk(url, f"POST /v1/enrolments, {len(courses)} courses", c, seconds, many))
    return figures
