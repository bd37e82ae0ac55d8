"""The stored text of a statement is built from its canonical text; the canonical bytes never change."""

import json

import pytest
from reporting.domain.xapi import content_hash, said, stored_text

SENT = {
    "id": "9f1c2a4e-5b6d-4c8e-9a0b-1c2d3e4f5a6b",
    "actor": {"mbox": "mailto:an@example.org"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"vi-VN": "hoàn thành"}},
    "object": {"id": "https://lms.example/khóa-học/1"},
    "result": {"score": {"scaled": 0.5}},
}


def test_the_content_hash_of_a_statement_is_the_one_stored_statements_were_given():
    # computed by the hash before it shared its text with storage: a changed byte would make every
    # statement stored earlier a 409 when its sender retries it
    pinned = "a58b70980588ceb4798e7e4984e01346b8dd1097979d0e3bb004cbca938bcb04"
    assert content_hash(SENT) == pinned
    assert content_hash(SENT, said(SENT)) == pinned


@pytest.mark.parametrize(
    "statement",
    [
        SENT,
        {**SENT, "version": "1.0.3"},
        {**SENT, "authority": {"mbox": "mailto:lrs@example.org"}, "stored": "2020-01-01T00:00:00Z"},
        {
            **SENT,
            "context": {"extensions": {"https://x.example/n": [1, 2.5, None, True, "\u2603\U0001f600"]}},
        },
    ],
)
def test_the_stored_text_is_the_statement_with_the_time_it_was_stored(statement):
    text = stored_text(statement, said(statement), "2027-03-01T02:15:00.123456+00:00")

    assert json.loads(text) == {**statement, "stored": "2027-03-01T02:15:00.123456+00:00"}
