"""Retry policy: bounded exponential backoff, and dead-letter reasons that never carry exception text."""

import pytest
from servicekit.retry import Backoff, PermanentError, failure_reason


def test_delay_doubles_after_each_failed_attempt():
    backoff = Backoff(max_attempts=5, initial_seconds=0.2, max_seconds=10.0)

    assert [backoff.delay(n) for n in (1, 2, 3, 4)] == pytest.approx([0.2, 0.4, 0.8, 1.6])


def test_delay_never_exceeds_the_cap():
    backoff = Backoff(max_attempts=20, initial_seconds=0.5, max_seconds=3.0)

    assert [backoff.delay(n) for n in (3, 4, 5, 12)] == [2.0, 3.0, 3.0, 3.0]


def test_reason_names_the_error_type_and_attempts_but_not_its_message():
    reason = failure_reason(ValueError("learner Nguyen Van A, phone 0912345678"), attempts=5)

    assert "ValueError" in reason and "5 attempts" in reason
    assert "Nguyen" not in reason and "0912345678" not in reason


def test_reason_of_a_permanent_error_is_the_handlers_own_explanation():
    reason = failure_reason(PermanentError("course code is banned"), attempts=1)

    assert "course code is banned" in reason
