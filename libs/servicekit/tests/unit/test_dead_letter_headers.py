"""Dead-letter headers: the original headers plus why, where from and when; never stale dlq_ headers."""

from datetime import datetime

from aiokafka import ConsumerRecord
from servicekit.deadletter import dead_letter_headers, dead_letter_topic, strip_dlq_headers


def record(headers: list[tuple[str, bytes]]) -> ConsumerRecord:
    return ConsumerRecord(
        topic="t1.enrolment.enrolments",
        partition=2,
        offset=41,
        timestamp=0,
        timestamp_type=0,
        key=b"key",
        value=b"{}",
        checksum=None,
        serialized_key_size=3,
        serialized_value_size=2,
        headers=headers,
    )


def test_keeps_the_original_headers_and_adds_reason_origin_and_attempts():
    original = [("ce_id", b"e-1"), ("ce_type", b"vn.hanoi.learningcity.x.y.z.v1")]

    headers = dead_letter_headers(record(original), reason="bad", code="invalid", group="g", attempts=3)

    assert headers[:2] == original
    added = {k: v.decode() for k, v in headers[2:]}
    assert added["dlq_reason"] == "bad" and added["dlq_code"] == "invalid"
    assert added["dlq_consumer_group"] == "g" and added["dlq_attempts"] == "3"
    assert added["dlq_original_topic"] == "t1.enrolment.enrolments"
    assert (added["dlq_original_partition"], added["dlq_original_offset"]) == ("2", "41")
    assert datetime.fromisoformat(added["dlq_failed_at"]).tzinfo is not None


def test_a_redriven_record_that_fails_again_carries_only_the_new_reason():
    redriven = [("ce_id", b"e-1"), ("dlq_reason", b"old"), ("dlq_attempts", b"5")]

    headers = dead_letter_headers(record(redriven), reason="new", code="handler", group="g", attempts=1)

    assert [v for k, v in headers if k == "dlq_reason"] == [b"new"]
    assert [v for k, v in headers if k == "dlq_attempts"] == [b"1"]


def test_stripping_returns_the_original_headers():
    assert strip_dlq_headers([("ce_id", b"1"), ("dlq_code", b"x"), ("traceparent", b"t")]) == [
        ("ce_id", b"1"),
        ("traceparent", b"t"),
    ]


def test_dead_letter_topic_is_the_topic_with_a_dlq_suffix():
    assert dead_letter_topic("t1.content.courses") == "t1.content.courses.dlq"
