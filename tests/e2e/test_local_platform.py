"""`make run`'s launcher: services in their own processes, the flow over HTTP, nothing left after stop."""

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from localinfra.catalogue import COURSE, PublishedCourse, publish_course_with_offering
from localinfra.demo_catalogue import demo_courses
from localinfra.ports import free_ports
from servicekit.devtoken import local_dev_token

pytestmark = pytest.mark.e2e


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if text in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _auth(subject: str, *roles: str, areas: list[str] | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {local_dev_token(subject, list(roles), areas)}"}


def _wait_for_line(path: Path, text: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while text not in path.read_text(errors="replace"):
        assert process.poll() is None, path.read_text(errors="replace")
        assert time.monotonic() < deadline, path.read_text(errors="replace")
        time.sleep(0.2)


@contextmanager
def _platform(state: Path, log: Path) -> Iterator[dict[str, str]]:
    """`python -m localinfra.platform run` on free ports; SIGTERM (as Ctrl-C/`make stop` do) at the end."""
    kafka, controller, postgres = free_ports(3)
    http_base = free_ports(8, consecutive=True)[0]
    metrics_base = http_base + 4
    argv = [
        sys.executable,
        "-m",
        "localinfra.platform",
        "run",
        "--state",
        str(state),
        "--kafka-port",
        str(kafka),
        "--controller-port",
        str(controller),
        "--postgres-port",
        str(postgres),
        "--http-base-port",
        str(http_base),
        "--metrics-base-port",
        str(metrics_base),
    ]
    with log.open("wb") as sink:
        runner = subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT)
    try:
        _wait_for_line(log, "is up", runner, timeout=240)  # a liveness bound, not a speed check
        yield {
            name: f"http://127.0.0.1:{http_base + i}"
            for i, name in enumerate(["content", "enrolment", "notifications", "reporting"])
        }
    finally:
        runner.send_signal(signal.SIGTERM)
        runner.wait(timeout=90)
    assert "stopped" in log.read_text()


@pytest.mark.timeout(600)  # two platform start-ups on a busy 2-core machine; a bound, not a speed check
def test_make_run_serves_the_flow_across_four_processes_and_stops_cleanly(tmp_path):
    state = Path(f"/tmp/lc-run-{uuid.uuid4().hex[:8]}")  # PostgreSQL's user must reach it: not under tmp_path
    try:
        with _platform(state, tmp_path / "first.log") as url:
            for base in url.values():
                assert httpx.get(f"{base}/health/ready").json()["status"] == "ok"
            _walk_the_flow(url)
            _assert_served_by_runtime_roles(state)
        assert _processes_mentioning(str(state)) == []

        with _platform(state, tmp_path / "second.log") as url:  # a restart keeps the data, adds no demo twice
            codes = list(codes_to_ids(url))
            assert "E2E-RUN-1" in codes and len(codes) == len(set(codes)) == len(demo_courses()) + 1
            stats = httpx.get(f"{url['reporting']}/v1/statistics/enrolments", headers=_auth("a", "analyst"))
            # the demo courses' enrolments and this test's one are still counted, the single one suppressed
            by_course = {c["course_id"]: c for c in stats.json()["items"]}
            assert by_course[codes_to_ids(url)["E2E-RUN-1"]]["suppressed"] and len(by_course) == 5
        assert _processes_mentioning(str(state)) == []
    finally:
        subprocess.run(["rm", "-rf", str(state)], check=False)


def codes_to_ids(url: dict[str, str]) -> dict[str, str]:
    listed = httpx.get(f"{url['content']}/v1/courses?limit=200").json()
    assert listed["next_cursor"] is None
    return {c["code"]: c["id"] for c in listed["items"]}


def _assert_served_by_runtime_roles(state: Path) -> None:
    """Migrations ran as <svc>_owner; `serve` holds only the runtime URL, whose role cannot change tables."""
    for service in ("content", "enrolment", "notifications", "reporting"):
        env = dict(line.split("=", 1) for line in (state / "env" / f"{service}.env").read_text().splitlines())
        runtime_url = env[f"{service.upper()}_DATABASE_URL"]
        assert f"//{service}_owner:" in env[f"{service.upper()}_MIGRATION_DATABASE_URL"]
        environments = [_environ(pid) for pid in _processes_mentioning(f"-m {service} serve")]
        [serving] = [e for e in environments if runtime_url.encode() in e]  # this platform's, not another's
        assert b"_MIGRATION_DATABASE_URL=" not in serving
        owners, can_create = asyncio.run(_owners_and_create_right(runtime_url))
        assert owners == [f"{service}_owner"] and can_create is False


def _environ(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:  # gone meanwhile, or another user's
        return b""


async def _owners_and_create_right(dsn: str) -> tuple[list[str], bool]:
    conn = await asyncpg.connect(dsn)
    try:
        owners = await conn.fetch("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
        can_create = await conn.fetchval("SELECT has_schema_privilege('public', 'CREATE')")
        return [row["tableowner"] for row in owners], can_create
    finally:
        await conn.close()


async def _publish(base: str, course: dict[str, Any], editor: dict[str, str]) -> PublishedCourse:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        return await publish_course_with_offering(client, course, headers=editor)


def _walk_the_flow(url: dict[str, str]) -> None:
    editor = _auth("ed", "content-editor")
    course = {**COURSE, "code": "E2E-RUN-1", "title_vi": "Kỹ năng số", "theme": "digital_skills"}
    published = asyncio.run(_publish(url["content"], course, editor))
    profile = {"full_name": "E2E", "date_of_birth": "1990-05-01", "sex": "female", "locality_code": "00004"}
    registered = httpx.post(
        f"{url['enrolment']}/v1/learners",
        json={**profile, "learner_type": "resident"},
        headers=_auth("officer-1", "enrolment-officer", areas=["00004"]),
    )
    assert registered.status_code == 201, registered.text
    learner = registered.json()["id"]
    body = {"offering_id": published.offering, "learner_id": learner}
    deadline = time.monotonic() + 30
    while (
        r := httpx.post(f"{url['enrolment']}/v1/enrolments", json=body, headers=_auth(learner, "learner"))
    ).status_code == 404 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert r.status_code == 201, r.text
    while time.monotonic() < deadline:
        messages = httpx.get(
            f"{url['notifications']}/v1/learners/{learner}/messages", headers=_auth(learner, "learner")
        )
        stats = httpx.get(
            f"{url['reporting']}/v1/statistics/enrolments", headers=_auth("a", "analyst")
        ).json()
        # this course's single enrolment is counted, and suppressed (a cell below 5)
        mine = [c for c in stats["items"] if c["course_id"] == published.id]
        if messages.json()["items"] and mine and mine[0]["suppressed"]:
            return
        time.sleep(0.2)
    raise AssertionError(f"flow incomplete: messages={messages.text} stats={stats}")
