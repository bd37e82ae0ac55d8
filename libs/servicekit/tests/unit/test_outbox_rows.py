"""Outbox rows: one per event, keyed by aggregate id, with CloudEvents headers and the caller's trace."""

import json

from contracts.envelope import Envelope
from servicekit.outbox import OutboxWriter
from servicekit.telemetry import Telemetry, trace_ids

from libs.servicekit.tests.kit_events import MemberJoinedV1, new_member

SOURCE = "/vn/hanoi/learningcity/kittest"


def test_a_row_is_keyed_by_aggregate_id_on_the_events_topic():
    event = new_member()

    [(event_id, topic, key, event_type, _, payload)] = OutboxWriter(SOURCE).rows([event])

    assert topic == "kittest.members"
    assert key == str(event.member_id)
    assert event_type == "vn.hanoi.learningcity.kittest.member.joined.v1"
    assert MemberJoinedV1.model_validate_json(payload) == event
    assert event_id


def test_headers_form_a_cloudevents_envelope_of_the_event():
    event = new_member()

    [(event_id, *_, headers, _)] = OutboxWriter(SOURCE).rows([event])

    envelope = Envelope.from_headers(list(json.loads(headers).items()))
    assert envelope.id == event_id and envelope.source == SOURCE
    assert envelope.type == event.ce_type and envelope.subject == str(event.member_id)
    assert (envelope.dataclassification, envelope.datacategory) == ("internal", "personal")
    assert envelope.dataregulation is not None


def test_rows_carry_the_traceparent_of_the_current_span():
    tracer = Telemetry("outbox-test").tracer

    with tracer.start_as_current_span("enrol") as span:
        rows = OutboxWriter(SOURCE).rows([new_member(), new_member()])

    for row in rows:
        _, trace_id, parent_id, flags = json.loads(row[4])["traceparent"].split("-")
        assert (trace_id, parent_id) == trace_ids(span)
        assert int(flags, 16) & 1  # sampled


def test_rows_outside_a_span_have_no_traceparent():
    [row] = OutboxWriter(SOURCE).rows([new_member()])

    assert "traceparent" not in json.loads(row[4])


def test_each_event_gets_its_own_id():
    rows = OutboxWriter(SOURCE).rows([new_member(), new_member(), new_member()])

    assert len({row[0] for row in rows}) == 3


def test_each_row_of_a_batch_is_a_valid_envelope_of_its_own_event():
    events = [new_member() for _ in range(3)]  # one type: its envelope is validated once, then reused

    rows = OutboxWriter(SOURCE).rows(events)

    envelopes = [Envelope.from_headers(list(json.loads(row[4]).items())) for row in rows]
    assert [e.subject for e in envelopes] == [str(event.member_id) for event in events]
    assert [e.id for e in envelopes] == [row[0] for row in rows]
    assert len({e.id for e in envelopes}) == 3 and all(e.time.tzinfo is not None for e in envelopes)
