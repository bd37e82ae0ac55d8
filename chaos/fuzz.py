"""`make chaos`, after the faults: the API fuzzer of tests/fuzz with many examples per operation (bounded in
time); prints one table, writes it to docs/proof.md, and exits 1 on any finding or a service not fuzzed."""

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))  # run as a script: its sibling modules
from localinfra.lifecycle import run_bounded
from report import measured, write

ROOT = Path(__file__).parent.parent
SERVICES = ("content", "enrolment", "notifications", "reporting")
EXAMPLES = int(os.environ.get("CHAOS_FUZZ_EXAMPLES", "100"))  # per operation and generation mode
LIMIT = float(os.environ.get("CHAOS_FUZZ_SECONDS", "3600"))  # the whole fuzzing run, servers' start included
REPORT = Path(os.environ.get("CHAOS_REPORT", ROOT / "docs" / "proof.md"))
START, END = "<!-- fuzz:start -->", "<!-- fuzz:end -->"
Tally = dict[str, Any]  # service, operations, examples, failures: as tests/fuzz writes it


def fuzz(results: Path) -> tuple[int, str]:
    """Run tests/fuzz with `EXAMPLES`, each service's tally appended to `results`; exit code and output."""
    env = {**os.environ, "FUZZ_EXAMPLES": str(EXAMPLES), "FUZZ_REPORT": str(results)}
    argv = [sys.executable, "-m", "pytest", str(ROOT / "tests" / "fuzz"), "-q", "-p", "no:cacheprovider"]
    argv += ["--import-mode=importlib", "-o", f"timeout={LIMIT:.0f}", "--rootdir", str(ROOT)]
    return run_bounded(argv, env, LIMIT)


def tallies(results: Path) -> list[Tally]:
    """The services' tallies the fuzz test wrote (one JSON line each; none for a service cut short)."""
    lines = results.read_text().splitlines() if results.exists() else []
    return sorted((json.loads(line) for line in lines), key=lambda t: t["service"])


def render(found: list[Tally], seconds: float) -> str:
    """The fuzz block of docs/proof.md: one row per service, then each finding and each service missing."""
    knobs = f"{EXAMPLES} examples per operation in each generation mode, valid and invalid input"
    lines = [
        START,
        measured(knobs, seconds),
        "",
        "| service | operations | examples sent | failures found |",
        "|---|---:|---:|---:|",
    ]
    for t in found:
        lines.append(f"| {t['service']} | {t['operations']} | {t['examples']} | {len(t['failures'])} |")
    fuzzed = {t["service"] for t in found}
    notes = [f"- {t['service']}: {failure}" for t in found for failure in t["failures"]]
    notes += [f"- {s}: not fuzzed within the limit" for s in SERVICES if s not in fuzzed]
    return "\n".join([*lines, *(["", *notes] if notes else []), END])


def clean(found: list[Tally]) -> bool:
    """Every service fuzzed and nothing found."""
    return {t["service"] for t in found} == set(SERVICES) and not any(t["failures"] for t in found)


def main() -> int:
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="lc-fuzz-") as scratch:
        results = Path(scratch) / "tallies.jsonl"
        code, output = fuzz(results)
        found = tallies(results)
    print(output[-5000:])
    block = render(found, time.monotonic() - began)
    print("\n" + block)
    write(REPORT, block, START, END)
    print(f"\nwritten to {REPORT}")
    return 0 if code == 0 and clean(found) else 1


if __name__ == "__main__":
    sys.exit(main())
