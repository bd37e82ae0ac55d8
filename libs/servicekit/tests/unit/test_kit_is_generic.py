"""The kit is plumbing: no name in its code speaks of the platform's domain (import-linter checks imports)."""

import io
import re
import tokenize
from pathlib import Path

KIT = Path(__file__).resolve().parents[2] / "src" / "servicekit"
DOMAIN_WORDS = re.compile(
    r"enrol|learner|course|teacher|campaign|notification|reporting|statistic|locality|ethnic|xapi", re.I
)


def domain_names(source: str) -> set[str]:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {t.string for t in tokens if t.type == tokenize.NAME and DOMAIN_WORDS.search(t.string)}


def test_no_identifier_in_the_kit_is_a_domain_word():
    found = {str(p.relative_to(KIT)): domain_names(p.read_text()) for p in sorted(KIT.rglob("*.py"))}

    assert {path: names for path, names in found.items() if names} == {}


def test_the_check_sees_a_domain_word_when_there_is_one():
    assert domain_names("def enrol_learner(course_id): pass  # enrolment in a comment is fine") == {
        "enrol_learner",
        "course_id",
    }
