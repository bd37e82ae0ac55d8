"""`make chaos`: the whole platform under a steady mixed load, one fault at a time; after each, every
accepted request must have exactly one effect everywhere and the DLQs exactly the poison. Prints one table,
writes docs/proof.md, and exits 1 when anything was lost, doubled, left unanswered or did not recover."""

import asyncio
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
from effects import Effects, effects
from faults import Fault, fault
from load import Tally, run_load
from localinfra.lifecycle import stop_everything_on_sigterm
from poison import Poisoned, compare, dead_letters
from report import Row, render, write
from stage import Stage, start_stage, wait_all_ready
from workload import Workload, prepare, start_campaign

ALL = (
    "kill:content,kill:enrolment,kill:notifications,kill:reporting,kill:enrolment+reporting,"
    "kafka,postgres,poison"
)
FAULTS = [s for s in os.environ.get("CHAOS_FAULTS", ALL).split(",") if s]
RATE = float(os.environ.get("CHAOS_RATE", "8"))  # enrolments/s, and as many xAPI statements/s
OFFERINGS = int(os.environ.get("CHAOS_OFFERINGS", "10"))
LEARNERS = int(os.environ.get("CHAOS_LEARNERS", "300"))  # x offerings = the enrolments available
AUDIENCE = int(os.environ.get("CHAOS_CAMPAIGN_LEARNERS", "150"))  # a campaign to them each round
BEFORE = float(os.environ.get("CHAOS_LOAD_BEFORE_SECONDS", "3"))  # load before the fault
AFTER = float(os.environ.get("CHAOS_LOAD_AFTER_SECONDS", "3"))  # and after every service is ready again
OUTAGE = float(os.environ.get("CHAOS_OUTAGE_SECONDS", "5"))  # Kafka or PostgreSQL away this long
RECOVER = float(os.environ.get("CHAOS_RECOVER_SECONDS", "120"))  # the limit for ready again
DRAIN = float(os.environ.get("CHAOS_DRAIN_SECONDS", "120"))  # the limit for every effect to show
PATIENCE = float(os.environ.get("CHAOS_CLIENT_PATIENCE_SECONDS", "150"))  # a client retries this long
SERVER_START = float(os.environ.get("CHAOS_SERVER_START_SECONDS", "180"))  # Kafka/PostgreSQL back up within
REPORT = Path(os.environ.get("CHAOS_REPORT", Path(__file__).parent.parent / "docs" / "proof.md"))


async def _drain(stage: Stage, tally: Tally, campaign: str, audience: int) -> tuple[Effects, float | None]:
    """Until every effect is there and every outbox empty (or the limit): the effects and the seconds."""
    began = time.monotonic()
    while True:
        try:
            found = await effects(stage, tally, campaign, audience)
        except (OSError, ConnectionError):
            found = None  # PostgreSQL still starting: ask again
        if found is not None and found.settled:
            return found, time.monotonic() - began
        if time.monotonic() - began > DRAIN:
            return found or await effects(stage, tally, campaign, audience), None
        await asyncio.sleep(0.5)


def _details(found: Effects, missing: int, extra: int, given_up: list[str]) -> str:
    parts = [f"{k} lost {v}" for k, v in found.lost.items() if v]
    parts += [f"{k} doubled {v}" for k, v in found.duplicated.items() if v]
    parts += [f"outbox backlog {found.backlog}"] if found.backlog else []
    parts += ["campaign not finished"] if not found.campaign_done else []
    parts += [f"poison not dead-lettered {missing}"] if missing else []
    parts += [f"dead letters that are not poison {extra}"] if extra else []
    parts += [f"supervisor gave up on {', '.join(given_up)}"] if given_up else []
    return "; ".join(parts)


async def one_round(stage: Stage, work: Workload, chosen: Fault, poisoned: Poisoned) -> Row:
    """Load, the fault, ready again, more load; then drain and check everything."""
    campaign = await start_campaign(stage)
    stop = asyncio.Event()
    load = asyncio.create_task(run_load(stage, work, RATE, stop, PATIENCE))
    await asyncio.sleep(BEFORE)
    await chosen.inject(stage, poisoned)
    recovered = await asyncio.to_thread(wait_all_ready, stage, RECOVER)
    await asyncio.sleep(AFTER)
    stop.set()
    tally = await load
    found, drained = await _drain(stage, tally, campaign, work.audience)
    missing, extra = compare(poisoned, await dead_letters(stage.kafka))
    lost, doubled = sum(found.lost.values()), sum(found.duplicated.values())
    return Row(
        chosen.name,
        tally.accepted,
        tally.refused + tally.unanswered,
        lost,
        doubled,
        poisoned.expected_letters - missing + extra,
        poisoned.expected_letters,
        recovered,
        drained,
        tally.retries,
        _details(found, missing, extra, stage.given_up()),
    )


async def rounds(stage: Stage) -> list[Row]:
    work = await prepare(stage, OFFERINGS, LEARNERS, AUDIENCE)
    poisoned, rows = Poisoned(), []
    for spec in FAULTS:
        row = await one_round(stage, work, fault(spec, OUTAGE), poisoned)
        print(f"{row.fault}: {row}", flush=True)
        rows.append(row)
    return rows


def _stop_on_sigterm() -> None:
    """SIGTERM (e.g. a test's time limit) stops every server at once, then exits through the clean-up."""

    def leave(signum: int, _: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, leave)
    stop_everything_on_sigterm()  # runs first, then calls `leave`


def main() -> int:
    began = time.monotonic()
    _stop_on_sigterm()
    faults = [fault(spec, OUTAGE) for spec in FAULTS]  # a typo fails before anything starts
    state = Path(tempfile.mkdtemp(prefix="lc-chaos-", dir="/tmp"))
    state.chmod(0o755)  # PostgreSQL runs as an unprivileged user when we are root
    stage = start_stage(state, SERVER_START)
    try:
        rows = asyncio.run(rounds(stage))
    finally:
        stage.stop()
        shutil.rmtree(state, ignore_errors=True)
    knobs = f"{len(faults)} faults, {RATE:g} enrolments/s and {RATE:g} statements/s, outages {OUTAGE:g} s"
    block = render(rows, knobs, time.monotonic() - began)
    print("\n" + block)
    write(REPORT, block)
    print(f"\nwritten to {REPORT}")
    return 0 if all(r.clean for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
