"""The IRI check's fast path accepts only what the full check (urllib's split) accepts."""

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reporting.domain.xapi import StatementRefused, iri


def _split_accepts(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return bool(parts.scheme) and bool(parts.netloc or parts.scheme == "urn")


def _accepted(value: str) -> bool:
    try:
        iri(value, "object.id")
    except StatementRefused:
        return False
    except ValueError:  # urllib's own refusal (an unclosed IPv6 bracket), as before
        return False
    return True


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("https://lms.example/modules/1", True),
        ("http://adlnet.gov/expapi/verbs/completed", True),
        ("urn:uuid:9f1c2a4e-5b6d-4c8e-9a0b-1c2d3e4f5a6b", True),
        ("https://xn--hc-yja.vn?q=1#f", True),
        ("https://học.vn/khóa", True),
        ("completed", False),
        ("/relative/path", False),
        ("https:///no-host", False),
        ("1http://digit-first", False),
        ("", False),
    ],
)
def test_absolute_iris_are_accepted_and_others_refused(value, accepted):
    assert _accepted(value) is accepted


_PIECES = st.sampled_from(
    ["http", "urn", "x", ":", "//", "/", "?", "#", "[", "]", "@", "h", "1", "-", "é", "\n", " "]
)


@given(st.lists(_PIECES, max_size=10).map("".join))
def test_the_fast_path_never_accepts_what_the_split_refuses(value):
    assert _accepted(value) == _split_accepts(value)
