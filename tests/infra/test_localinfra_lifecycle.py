"""Servers keep their data across restarts and never outlive whoever started them."""

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from localinfra import start_infra, start_kafka, start_postgres
from localinfra.processes import pid_alive

from tests.infra.infra_probes import (
    consume_first,
    create_topic,
    execute,
    fetch_value,
    list_topics,
    process_gone,
    produce,
)

pytestmark = pytest.mark.integration

_CRASHING_RUN = """
import os, sys
from pathlib import Path
from localinfra import start_infra
infra = start_infra(Path(sys.argv[1]), fixed_ports=False, backend="process")
print(infra.kafka.pid, infra.postgres.pid, flush=True)
os._exit(0)  # like a crash: no atexit handlers, no stop()
"""

_WAITING_RUN = """
import sys, time
from pathlib import Path
from localinfra import start_postgres
from localinfra.lifecycle import stop_everything_on_sigterm
stop_everything_on_sigterm()
server = start_postgres(Path(sys.argv[1]), fast=True)
print(server.pid, flush=True)
if sys.argv[2] == "sigterm":
    time.sleep(120)
"""


async def test_kafka_restarted_on_its_data_dir_still_has_topics_and_records(
    open_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = start_kafka(open_dir / "kafka")
    try:
        await create_topic(first.bootstrap_servers, "enrolment.enrolments")
        await produce(first.bootstrap_servers, "enrolment.enrolments", b"kept")
    finally:
        first.stop()
    assert first.pid is not None and process_gone(first.pid)

    second = start_kafka(open_dir / "kafka")
    try:
        assert "enrolment.enrolments" in await list_topics(second.bootstrap_servers)
        assert await consume_first(second.bootstrap_servers, "enrolment.enrolments") == b"kept"
    finally:
        second.stop()
        second.stop()
    assert second.pid is not None and process_gone(second.pid)
    with capsys.disabled():
        print(f"\nKafka start-up: fresh {first.startup_seconds:.2f}s, restart {second.startup_seconds:.2f}s")


async def test_postgres_restarted_on_its_data_dir_still_has_rows(
    open_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = start_postgres(open_dir / "pg")
    try:
        await execute(first.dsn(), "CREATE TABLE learners (name text); INSERT INTO learners VALUES ('Lan')")
    finally:
        first.stop()
    assert first.pid is not None and process_gone(first.pid)

    second = start_postgres(open_dir / "pg")
    try:
        assert second.password == first.password
        assert await fetch_value(second.dsn(), "SELECT name FROM learners") == "Lan"
    finally:
        second.stop()
        second.stop()
    assert second.pid is not None and process_gone(second.pid)
    with capsys.disabled():
        fresh, again = first.startup_seconds, second.startup_seconds
        print(f"\nPostgreSQL start-up: initdb+start {fresh:.2f}s, restart {again:.2f}s")


async def test_start_after_a_crashed_run_stops_its_leftovers_and_keeps_the_data(open_dir: Path) -> None:
    command = [sys.executable, "-c", _CRASHING_RUN, str(open_dir)]
    crashed = await asyncio.to_thread(subprocess.run, command, capture_output=True, text=True, timeout=150)
    assert crashed.returncode == 0, crashed.stderr
    old_kafka, old_postgres = (int(pid) for pid in crashed.stdout.split())
    assert pid_alive(old_kafka) and pid_alive(old_postgres), "the crash should have left orphans"

    infra = start_infra(open_dir, fixed_ports=False, backend="process")
    try:
        assert process_gone(old_kafka) and process_gone(old_postgres)
        assert await fetch_value(infra.postgres.dsn(), "SELECT 1") == 1
        assert isinstance(await list_topics(infra.kafka.bootstrap_servers), list)
    finally:
        infra.stop()
    assert infra.kafka.pid is not None and process_gone(infra.kafka.pid)
    assert infra.postgres.pid is not None and process_gone(infra.postgres.pid)


@pytest.mark.parametrize("ending", ["normal exit", "sigterm"])
def test_servers_do_not_outlive_the_process_that_started_them(open_dir: Path, ending: str) -> None:
    how = "sigterm" if ending == "sigterm" else "exit"
    child = subprocess.Popen(
        [sys.executable, "-c", _WAITING_RUN, str(open_dir), how], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    postgres_pid = int(child.stdout.readline())
    assert pid_alive(postgres_pid)
    if how == "sigterm":
        child.send_signal(signal.SIGTERM)

    child.wait(timeout=60)

    assert process_gone(postgres_pid)
    assert child.returncode == (-signal.SIGTERM if how == "sigterm" else 0)
