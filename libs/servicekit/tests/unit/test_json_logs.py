"""JSON logs: one object per line, with trace ids inside a span, and personal-data fields masked."""

import io
import json
import logging
from collections.abc import Callable, Iterator

import pytest
from servicekit.logs import configure_logging
from servicekit.telemetry import Telemetry, trace_ids


@pytest.fixture
def json_log() -> Iterator[Callable[[], list[dict]]]:
    """Routes the root logger to a buffer with the kit's configuration; returns a reader of its lines."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    buffer = io.StringIO()
    configure_logging("logtest", "INFO", stream=buffer)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)


def test_a_record_is_a_json_object_naming_service_level_and_logger(json_log):
    logging.getLogger("enrolment.app").warning("course %s is full", "NN-101")

    [line] = json_log()
    assert line["message"] == "course NN-101 is full"
    assert (line["service"], line["level"], line["logger"]) == ("logtest", "WARNING", "enrolment.app")


def test_a_record_inside_a_span_carries_its_trace_and_span_id(json_log):
    with Telemetry("logtest").tracer.start_as_current_span("work") as span:
        logging.getLogger("t").info("inside")

    [line] = json_log()
    assert (line["trace_id"], line["span_id"]) == trace_ids(span)


def test_a_record_outside_a_span_has_empty_trace_ids(json_log):
    logging.getLogger("t").info("outside")

    [line] = json_log()
    assert (line["trace_id"], line["span_id"]) == ("", "")


def test_personal_data_passed_as_extra_is_masked(json_log):
    logging.getLogger("t").info("x", extra={"email": "a@b.c", "full_name": "Nguyễn Văn A", "course": "NN-1"})

    output = json.dumps(json_log(), ensure_ascii=False)
    assert "a@b.c" not in output and "Nguyễn" not in output
    [line] = json_log()
    assert line["email"] == line["full_name"] == "[redacted]"
    assert line["course"] == "NN-1"


def test_personal_data_in_named_format_arguments_is_masked(json_log):
    logging.getLogger("t").info("call %(phone)s about %(course)s", {"phone": "0912345678", "course": "NN-1"})

    [line] = json_log()
    assert line["message"] == "call [redacted] about NN-1"
