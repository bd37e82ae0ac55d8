"""The chaos run's one table (printed) and docs/proof.md (between markers; the notes around them kept)."""

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

START, END = "<!-- chaos:start -->", "<!-- chaos:end -->"


@dataclass(frozen=True)
class Row:
    """One fault and what the databases and DLQs showed once the platform had drained."""

    fault: str
    accepted: int
    refused: int  # final 4xx answers, plus requests still unanswered at their deadline
    lost: int
    duplicated: int
    letters: int  # dead letters found, all DLQs
    expected_letters: int  # poison injected so far x the groups that read its topic
    recovered: float | None  # seconds from the fault's end until every service answered ready
    drained: float | None  # seconds from the load's end until every effect was there
    retries: int
    details: str = ""  # the checks that found something

    @property
    def clean(self) -> bool:
        exact = self.letters == self.expected_letters
        return not (self.lost or self.duplicated or self.refused) and exact and self.recovered is not None


def _seconds(value: float | None) -> str:
    return "not within the limit" if value is None else f"{value:.1f}"


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| fault | requests accepted | lost | duplicated | refused or unanswered | dead letters / poison "
        "expected | time to recover (s) | drained in (s) | client retries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.fault} | {r.accepted} | {r.lost} | {r.duplicated} | {r.refused} "
            f"| {r.letters} / {r.expected_letters} | {_seconds(r.recovered)} | {_seconds(r.drained)} "
            f"| {r.retries} |"
        )
    found = [f"- {r.fault}: {r.details}" for r in rows if r.details]
    return lines + (["", *found] if found else [])


def measured(knobs: str, seconds: float) -> str:
    """The line above a table: when, how long, with what, and on how loaded a machine."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"Measured by `make chaos` on {when} in {seconds:.0f} s ({knobs}); "
        f"{os.cpu_count()} cores, load average at the end {load}."
    )


def render(rows: list[Row], knobs: str, seconds: float) -> str:
    return "\n".join([START, measured(knobs, seconds), "", *table(rows), END])


def write(path: Path, block: str, start: str = START, end: str = END) -> None:
    """Replace the measured block (between `start` and `end`) of `path`, keeping the notes around it; a
    block not there yet is appended."""
    text = path.read_text() if path.exists() else "# Proof\n"
    if start not in text:
        text = f"{text.rstrip()}\n\n{start}\n{end}\n"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    path.write_text(head + block + tail)
