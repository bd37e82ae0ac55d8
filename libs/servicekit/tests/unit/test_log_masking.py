"""The privacy filter: personal data never reaches a log line, however it is passed to the logger."""

import io
import json
import logging
from collections.abc import Callable, Iterator

import pytest
from servicekit.logs import configure_logging

EMAIL, PHONE, NAME = "nguyen.van.an@example.vn", "0912 345 678", "Nguyễn Văn An"
LEARNER = "6f1c2a4e-9b7d-4c3e-8a1f-2d5e7b9c0a12"
SECRETS = (EMAIL, PHONE, "0912345678", NAME, LEARNER, "Nữ", "01234")


@pytest.fixture
def logged() -> Iterator[Callable[[], str]]:
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    buffer = io.StringIO()
    configure_logging("masktest", "DEBUG", stream=buffer)
    yield buffer.getvalue
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)


def assert_clean(text: str) -> None:
    for line in text.splitlines():
        json.loads(line)  # still one JSON object per line
    for secret in SECRETS:
        assert secret not in text, (secret, text)


def test_dicts_inside_tuple_arguments_are_masked(logged):
    logging.getLogger("t").info("learner %s on %s", {"full_name": NAME, "email": EMAIL}, "NN-1")

    assert_clean(logged())
    assert "NN-1" in logged()


def test_nested_extra_values_are_masked_at_any_depth(logged):
    person = {"learner": {"contact": [{"Email": EMAIL}, {"phone": PHONE}], "profile": {"Full_Name": NAME}}}
    logging.getLogger("t").info("registered", extra={"payload": person, "course": "NN-1"})

    assert_clean(logged())
    [line] = map(json.loads, logged().splitlines())
    assert line["course"] == "NN-1"


@pytest.mark.parametrize(
    "key", ["EMAIL", "Phone", "fullName", "Learner-Id", "learner_id", "sex", "age", "locality_code"]
)
def test_keys_are_recognised_in_any_case_and_spelling(logged, key):
    logging.getLogger("t").info("x", extra={key: "Nữ 01234"})
    logging.getLogger("t").info("%(" + key + ")s", {key: "Nữ 01234"})

    assert_clean(logged())


def test_emails_phones_and_learner_ids_in_the_message_text_are_masked(logged):
    logging.getLogger("t").warning(f"mail {EMAIL} or call {PHONE} about learner {LEARNER}")
    logging.getLogger("t").warning("call %s or %s for %s", "0912345678", EMAIL, LEARNER)

    assert_clean(logged())
    assert logged().count("[redacted]") == 6


def test_a_traceback_keeps_its_frames_and_types_but_not_the_messages(logged):
    try:
        try:
            raise KeyError(EMAIL)
        except KeyError as exc:
            raise ValueError(f"learner {NAME} has phone {PHONE}") from exc
    except ValueError:
        logging.getLogger("t").exception("enrolment failed")

    assert_clean(logged())
    [line] = map(json.loads, logged().splitlines())
    assert "builtins.ValueError" in line["exc_info"] and "builtins.KeyError" in line["exc_info"]
    assert "test_a_traceback_keeps_its_frames" in line["exc_info"]


def test_dates_counts_and_ordinary_messages_are_kept(logged):
    logging.getLogger("t").info("batch of %d on 2026-11-30, offset %s", 500, 12345)

    [line] = map(json.loads, logged().splitlines())
    assert line["message"] == "batch of 500 on 2026-11-30, offset 12345"


def test_arguments_that_do_not_fit_the_format_do_not_break_logging(logged):
    logging.getLogger("t").info("two %s %s", EMAIL)

    assert_clean(logged())


def test_named_tuples_and_objects_in_arguments_are_rendered_as_their_authors_meant(logged):
    from collections import namedtuple

    Partition = namedtuple("Partition", "topic partition")
    logging.getLogger("t").info("fetching %s for %r", Partition("enrolments", 3), Partition("x", 1))

    [line] = map(json.loads, logged().splitlines())
    assert (
        line["message"]
        == "fetching Partition(topic='enrolments', partition=3) for Partition(topic='x', partition=1)"
    )


def test_a_record_the_filter_cannot_handle_is_withheld_not_raised(logged):
    class Unprintable:
        def __str__(self) -> str:
            raise RuntimeError(EMAIL)

    logging.getLogger("t").info("x", extra={"thing": [Unprintable()]}, exc_info=None)
    logging.getLogger("t").info("y %s", Unprintable())

    assert_clean(logged())


def test_event_and_message_ids_stay_so_an_operator_can_follow_an_event(logged):
    logging.getLogger("t").info("Received", extra={"message_id": LEARNER, "event_id": LEARNER})

    [line] = map(json.loads, logged().splitlines())
    assert line["message_id"] == line["event_id"] == LEARNER
