"""`make bench` runs end to end on a small size and writes its table (no timing thresholds: figures vary)."""

import os
import sys
from pathlib import Path

import pytest
from localinfra.lifecycle import run_bounded

pytestmark = pytest.mark.integration
ROOT = Path(__file__).parents[2]
SMALL = {
    "BENCH_EVENTS": "1000",
    "BENCH_SCALES": "1",
    "BENCH_HTTP_SECONDS": "1",
    "BENCH_CONNECTIONS": "1,100",  # 100 raw clients beside the services' pools: above PostgreSQL's default
    "BENCH_COURSE_COUNT": "2",
    "BENCH_LEARNERS": "30",  # few: the hot offering's run uses them up and stops, with no 409
    "BENCH_E2E_RATE": "5",
    "BENCH_E2E_SECONDS": "1",
    "BENCH_RAW_INSERTS": "50",
    "BENCH_XAPI_STATEMENTS": "300",
    "BENCH_XAPI_CLIENTS": "2",
    "BENCH_SEARCH_COURSES": "300",  # catalogue search: a few hundred seeded courses, two clients
    "BENCH_SEARCH_CONNECTIONS": "2",
    "BENCH_CAMPAIGN_RECIPIENTS": "40",
    "BENCH_TRIGGER_SAMPLES": "5",
}


@pytest.mark.timeout(480)  # a whole platform and every bench section on a shared 2-core machine: a bound
def test_bench_runs_on_a_small_size_and_writes_every_path_beside_its_baseline(tmp_path):
    report = tmp_path / "performance.md"
    report.write_text("# Notes kept\n\n<!-- bench:start -->\nold\n<!-- bench:end -->\n\nMore notes.\n")
    env = {**os.environ, **SMALL, "BENCH_REPORT": str(report)}
    # past the limit the bench gets SIGTERM and stops the servers it started (none is left behind)
    returncode, stdout = run_bounded([sys.executable, str(ROOT / "bench" / "run.py")], env, 420)
    assert returncode == 0, stdout[-3000:]
    text = report.read_text()
    assert text.startswith("# Notes kept") and text.endswith("More notes.\n") and "\nold\n" not in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    for path in ("outbox relay, a trace per event", "outbox relay, 1000-event", "reporting projection"):
        [row] = [r for r in rows if r.startswith(f"| {path}")]
        kit, raw = (float(cell.replace(",", "")) for cell in (row.split("|")[3], row.split("|")[5]))
        assert kit > 0 and raw > 0, row
    if "wrk absent" not in text:  # enrolments were created, every answer a 2xx (no 409 for a reused pair)
        for name in ("1 offering", "2 offerings"):
            [row] = [r for r in rows if r.startswith(f"| POST /v1/enrolments, {name} | 1 |")]
            cells = [cell.strip() for cell in row.split("|")]
            assert float(cells[3].replace(",", "")) > 0 and cells[7:9] == ["0", "0"], row
        [found] = [r for r in rows if r.startswith("| GET /v1/courses?q= (search, 300 courses")]
        cells = [cell.strip() for cell in found.split("|")]  # searches answered, every one a 2xx
        assert float(cells[3].replace(",", "")) > 0 and cells[7:9] == ["0", "0"], found
        [bare] = [r for r in rows if r.startswith("| raw asyncpg: the same search SQL")]  # same run, ratio
        assert float(bare.split("|")[3].replace(",", "")) > 0 and "x raw)" in bare, bare
    for clients in (1, 100):  # the enrolments' raw baseline, same run, also from more clients than the pools
        [raw] = [r for r in rows if r.startswith("| raw asyncpg: the same rows") and f"| {clients} |" in r]
        assert float(raw.split("|")[3].replace(",", "")) > 0, raw
    for consumer in ("notifications", "reporting"):  # end to end: every event applied, percentiles given
        [row] = [r for r in rows if r.startswith(f"| {consumer} | 5/s |")]
        assert int(row.split("|")[3].strip()) >= 5, row  # each enrolment's events (confirmations, grants)
    [ingest] = [r for r in rows if r.startswith("| POST /xAPI/statements -> activity facts")]
    cells = [cell.strip() for cell in ingest.split("|")]
    assert cells[2] == "300" and float(cells[4].replace(",", "")) > 0 and float(cells[5].replace(",", "")) > 0
    assert "| path |" in stdout, "the table is printed too"
    before_pipeline = stdout.split("| path |")[0]
    assert "| raw asyncpg: the same rows" in before_pipeline, "each section is printed as it is measured"
    [mailing] = [r for r in rows if r.startswith("| campaign by e-mail |")]  # every recipient mailed
    assert mailing.split("|")[2].strip() == "40 of 40" and float(mailing.split("|")[3].replace(",", "")) > 0
    [trigger] = [r for r in rows if r.startswith("| enrolment confirmed -> mail accepted by SMTP |")]
    mailed, confirmed = (int(n) for n in trigger.split("|")[2].split()[0:4:3])  # "3 mailed of 5 at 5/s"
    assert 2 <= mailed <= confirmed, trigger  # those with an e-mail address and consent, p50/p99 given
