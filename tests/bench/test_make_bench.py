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
    "BENCH_COURSE_COUNT": "10",  # 600 spread pairs: no spread run runs out
    # 60 learners = 60 pairs on each connection count's hot offering: 100 connections run out at once
    "BENCH_LEARNERS": "60",
    "BENCH_E2E_RATE": "5",
    "BENCH_E2E_SECONDS": "1",
    "BENCH_RAW_INSERTS": "50",
    "BENCH_XAPI_STATEMENTS": "300",
    "BENCH_XAPI_CLIENTS": "2",
    "BENCH_SEARCH_COURSES": "300",  # catalogue search: a few hundred seeded courses, two clients
    "BENCH_SEARCH_CONNECTIONS": "2",
    "BENCH_CAMPAIGN_RECIPIENTS": "40",
    "BENCH_TRIGGER_SAMPLES": "10",  # more than one demo learner's worth: some have no e-mail consent
    "BENCH_INGEST_EVENTS": "3000",  # the projection's pre-filled mixed events (1,000,000 by default)
    "BENCH_INGEST_QUERIES": "5",  # requests per indicator endpoint on what it projected
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
    paths = ("outbox relay, a trace per event", "outbox relay, 1000-event", "reporting projection, mixed")
    for path in paths:
        [row] = [r for r in rows if r.startswith(f"| {path}")]
        kit, raw = (float(cell.replace(",", "")) for cell in (row.split("|")[3], row.split("|")[5]))
        assert kit > 0 and raw > 0, row
    [projection] = [r for r in rows if r.startswith("| reporting projection, mixed")]
    assert projection.split("|")[2].strip() == "3,000" and "x |" in projection, projection  # size, ratio
    for endpoint in ("participation", "enrolments", "campaign-reach"):  # answered on the projected data
        [query] = [r for r in rows if r.startswith(f"| GET /v1/indicators/{endpoint} |")]
        cells = [cell.strip() for cell in query.split("|")]
        assert cells[2] == "5" and 0 < float(cells[3]) <= float(cells[4]), query
    if "wrk absent" not in text:  # enrolments were created, every answer a 2xx (no 409 for a reused pair)
        # one connection (100 may see no answer within 1 s on this loaded machine: a rate of 0, not negative)
        spread = _cells(rows, "| POST /v1/enrolments, 10 offerings | 1 |")
        assert float(spread[3].replace(",", "")) > 0 and spread[7:9] == ["0", "0"], spread
        hot = {c: _cells(rows, f"| POST /v1/enrolments, 1 offering | {c} |") for c in (1, 100)}
        # fresh pairs for each connection count: 1 connection has a positive rate (or used its 60 up);
        # 100 connections need 100 pairs at once: the row says so, never a rate (nor a negative one)
        assert hot[1][3] == "ran out of pairs" or float(hot[1][3].replace(",", "")) > 0, hot[1]
        assert hot[1][7:9] == ["0", "0"] and hot[100][3] == "ran out of pairs", hot
        [found] = [r for r in rows if r.startswith("| GET /v1/courses?q= (search, 300 courses")]
        cells = [cell.strip() for cell in found.split("|")]  # searches answered, every one a 2xx
        assert float(cells[3].replace(",", "")) > 0 and cells[7:9] == ["0", "0"], found
        [bare] = [r for r in rows if r.startswith("| raw asyncpg: the same search SQL")]  # same run, ratio
        assert float(bare.split("|")[3].replace(",", "")) > 0 and "x raw)" in bare, bare
    for clients in (1, 100):  # the enrolments' raw baseline, same run, also from more clients than the pools
        [raw] = [r for r in rows if r.startswith("| raw asyncpg: the same rows") and f"| {clients} |" in r]
        assert float(raw.split("|")[3].replace(",", "")) > 0, raw
    for consumer in ("notifications", "reporting"):  # end to end: every event applied, percentiles given
        [row] = [r for r in rows if r.startswith(f"| {consumer}") and "| 5/s |" in r]
        assert int(row.split("|")[4].strip()) == 5, row  # every enrolment was created
        assert int(row.split("|")[3].strip()) >= 5, row  # each enrolment's events (confirmations, grants)
    notified = _cells(rows, "| notifications")  # one confirmation message recorded per enrolment
    assert "message" in notified[1] and notified[3] == notified[4] == "5", notified
    assert float(notified[6]) >= 0 and float(notified[7]) >= 0, notified  # percentiles, not nan
    [ingest] = [r for r in rows if r.startswith("| POST /xAPI/statements -> activity facts")]
    cells = [cell.strip() for cell in ingest.split("|")]
    assert cells[2] == "300" and float(cells[4].replace(",", "")) > 0 and float(cells[5].replace(",", "")) > 0
    assert float(cells[6].replace(",", "")) > 0 and cells[7].endswith("x"), ingest  # raw baseline, ratio
    assert "| path | events |" in stdout, "the table is printed too"
    before_pipeline = stdout.split("| path | events |")[0]
    assert "| raw asyncpg: the same rows" in before_pipeline, "each section is printed as it is measured"
    [mailing] = [r for r in rows if r.startswith("| campaign by e-mail |")]  # every recipient mailed
    assert mailing.split("|")[2].strip() == "40 of 40" and float(mailing.split("|")[3].replace(",", "")) > 0
    raw_mail = _cells(rows, "| raw baseline: aiosmtplib")  # the same 40 mails by a bare client, same sink
    assert raw_mail[2] == "40 of 40" and float(raw_mail[3].replace(",", "")) > 0, raw_mail
    assert float(mailing.split("|")[8].strip().rstrip("x")) > 0, mailing  # the ratio to that baseline
    _growth_and_e2e_baselines(rows, text, wrk="wrk absent" not in text)
    trigger = _cells(rows, "| enrolment confirmed -> mail accepted by SMTP |")
    mailed, confirmed = (int(n) for n in trigger[2].split()[0:4:3])  # "10 mailed of 10 at 5/s"
    assert mailed == confirmed == 10, trigger  # learners with an e-mail address and consent: each mailed
    assert float(trigger[6].replace(",", "")) >= 0 and float(trigger[7].replace(",", "")) >= 0, trigger


def _cells(rows: list[str], start: str) -> list[str]:
    """The one row that starts with `start`, as stripped cells ([0] is the empty one before the first |)."""
    [row] = [r for r in rows if r.startswith(start)]
    return [cell.strip() for cell in row.split("|")]


GROWTH = {  # each path's sizes at 1x, 4x and 16x of the small run (16x = its main row's size)
    "| xAPI statements accepted": ["19 statements", "75 statements", "300 statements"],
    "| campaign by e-mail (messages/s)": ["2 of 2 recipients", "10 of 10 recipients", "40 of 40 recipients"],
    "| reporting projection (events/s)": ["first 188 events", "first 750 events", "first 3,000 events"],
}


def _growth_and_e2e_baselines(rows: list[str], text: str, wrk: bool) -> None:
    """How each figure grows: every size beside its raw baseline and the ratio; the end-to-end rows beside
    their raw baseline at the same arrival rate, with the ratio of p99s; the machine and the versions."""
    # search with 2 clients: 1/4 of 2 rounds to the 1x size, so 1 and 2 clients
    growth = {**GROWTH, "| catalogue search, 300 courses": ["1 client", "2 clients"]} if wrk else GROWTH
    for path, sizes in growth.items():
        cells = [[c.strip() for c in r.split("|")] for r in rows if r.startswith(path)]
        assert [c[3] for c in cells] == sizes, cells
        assert [c[2] for c in cells] == [*["1x", "4x", "16x"][: len(sizes) - 1], "16x"], cells
        for c in cells:  # the platform's rate, its baseline's, and the ratio
            assert float(c[4].replace(",", "")) > 0 and float(c[6].replace(",", "")) > 0, c
            assert c[5] and float(c[7].rstrip("x")) > 0, c
    raw = _cells(rows, "| raw baseline: asyncpg commit -> aiokafka produce")
    assert raw[2] == "5/s" and raw[3] == raw[4] == "5" and 0 <= float(raw[6]) <= float(raw[7]), raw
    for consumer in ("| notifications", "| reporting: each event"):  # the ratio of p99s, same rate
        assert float(_cells(rows, consumer)[9].rstrip("x")) > 0, consumer
    for said in ("cores", "MiB memory", "Python 3", "Kafka", "PostgreSQL", "wrk"):
        assert said in text, said
    for package in ("faststream", "aiokafka", "asyncpg", "pydantic", "fastapi", "uvicorn"):
        assert f"{package} " in text.split("| path |")[0], package
