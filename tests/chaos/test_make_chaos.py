"""`make chaos` in short: one kill -9 under load and one poison round lose and double nothing (no timing)."""

import os
import sys
from pathlib import Path

import pytest
from localinfra.lifecycle import run_bounded

pytestmark = pytest.mark.integration
ROOT = Path(__file__).parents[2]
SHORT = {
    "CHAOS_FAULTS": "kill:enrolment,poison",
    "CHAOS_RATE": "4",
    "CHAOS_OFFERINGS": "4",
    "CHAOS_LEARNERS": "40",
    "CHAOS_CAMPAIGN_LEARNERS": "20",
    "CHAOS_LOAD_BEFORE_SECONDS": "2",
    "CHAOS_LOAD_AFTER_SECONDS": "2",
    # the killed process's relay lease lapses sooner, so its rows flow again sooner (the default is 60 s)
    "ENROLMENT_RELAY_LEASE_SECONDS": "15",
}


def _cells(rows: list[str], fault: str) -> list[str]:
    [row] = [r for r in rows if r.startswith(f"| {fault}")]
    return [cell.strip() for cell in row.strip("|").split("|")]


def _run(env: dict[str, str], limit: float) -> tuple[int, str]:
    """The runner's exit code and output; past `limit` it gets SIGTERM, so it stops the servers it started."""
    return run_bounded([sys.executable, str(ROOT / "chaos" / "run.py")], env, limit)


@pytest.mark.timeout(900)  # the whole platform starts on a loaded machine; bounded by _run's limit
def test_a_killed_service_and_poison_under_load_lose_and_double_nothing(tmp_path):
    report = tmp_path / "proof.md"
    report.write_text("# Notes kept\n\n<!-- chaos:start -->\nold\n<!-- chaos:end -->\n\nMore notes.\n")
    env = {**os.environ, **SHORT, "CHAOS_REPORT": str(report)}
    code, output = _run(env, limit=600)
    text = report.read_text()
    assert "\nold\n" not in text, output[-3000:]  # the table was written
    assert text.startswith("# Notes kept") and text.endswith("More notes.\n")
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    for fault in ("kill -9 enrolment", "poison"):
        fault_, accepted, lost, duplicated, refused, letters, *_ = _cells(rows, fault)
        assert int(accepted) > 0, fault_
        assert (lost, duplicated, refused) == ("0", "0", "0"), text
        found, expected = letters.split(" / ")
        assert found == expected, text  # the DLQs hold exactly the poison: none before it, all of it after
    assert _cells(rows, "poison")[5] != "0 / 0", "poison was injected and dead-lettered"
    assert code == 0, output[-3000:]
