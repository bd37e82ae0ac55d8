"""`make chaos`'s fuzz table without servers: a finding or a service cut short fails it; notes are kept."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2] / "chaos"))  # the runner's modules, as it imports them
from fuzz import END, START, clean, render
from report import write

FUZZED = [
    {"service": s, "operations": 3, "examples": 600, "failures": []}
    for s in ("content", "enrolment", "notifications", "reporting")
]


def test_every_service_fuzzed_without_a_finding_is_clean():
    assert clean(FUZZED)
    assert "| content | 3 | 600 | 0 |" in render(FUZZED, 12.0)


def test_a_finding_is_listed_and_fails_the_run():
    found = [*FUZZED[:3], {**FUZZED[3], "failures": ["POST /xAPI/statements [negative]: 500"]}]
    assert not clean(found)
    assert "- reporting: POST /xAPI/statements [negative]: 500" in render(found, 12.0)


def test_a_service_not_fuzzed_within_the_limit_fails_the_run():
    assert not clean(FUZZED[:3])
    assert "- reporting: not fuzzed within the limit" in render(FUZZED[:3], 12.0)


def test_the_fuzz_table_goes_after_the_chaos_table_and_keeps_it(tmp_path):
    proof = tmp_path / "proof.md"
    proof.write_text("# Notes\n\n<!-- chaos:start -->\nfaults\n<!-- chaos:end -->\n\nMore notes.\n")
    write(proof, render(FUZZED, 12.0), START, END)
    write(proof, render(FUZZED[:3], 13.0), START, END)  # a second run replaces the first
    text = proof.read_text()
    assert "<!-- chaos:start -->\nfaults\n<!-- chaos:end -->\n\nMore notes." in text
    assert text.count(START) == 1 and "not fuzzed within the limit" in text
