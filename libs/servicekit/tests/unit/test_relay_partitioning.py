"""The relay's own partitioning and trace-parent parsing give what aiokafka and the propagator give."""

import os
import uuid

import pytest
from aiokafka.partitioner import DefaultPartitioner
from aiokafka.partitioner import murmur2 as aiokafka_murmur2
from opentelemetry import trace
from servicekit.partitioning import KeyPartitioner, murmur2
from servicekit.relayspans import _parent
from servicekit.telemetry import context_from_mapping


class _Cluster:
    def partitions_for_topic(self, topic: str) -> set[int]:
        return set(range(6))

    def available_partitions_for_topic(self, topic: str) -> set[int]:
        return {1, 4}


def test_murmur2_equals_aiokafkas_for_every_tail_length():
    keys = [os.urandom(n) for n in range(70) for _ in range(30)] + [str(uuid.uuid4()).encode()]
    assert [murmur2(k) for k in keys] == [aiokafka_murmur2(k) for k in keys]


def test_key_partitioner_picks_the_partition_aiokafkas_default_partitioner_picks():
    default, keys = DefaultPartitioner(), [str(uuid.uuid4()).encode() for _ in range(500)]
    ours = KeyPartitioner(_Cluster(), default)
    expected = [default(k, list(range(6)), [1, 4]) for k in keys]
    assert [ours.of("t", k) for k in keys] == expected


def test_key_partitioner_calls_any_other_partitioner_as_the_producer_would():
    calls = []

    def last_available(key: bytes, partitions: list[int], available: list[int]) -> int:
        calls.append((key, partitions, sorted(available)))
        return max(available)

    assert KeyPartitioner(_Cluster(), last_available).of("t", b"k") == 4
    assert calls == [(b"k", list(range(6)), [1, 4])]


@pytest.mark.parametrize(
    "stored",
    [
        {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
        {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"},
        {"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate": "a=1"},
        {"traceparent": "00-00000000000000000000000000000000-b7ad6b7169203331-01"},
        {"traceparent": "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra"},
        {"traceparent": "garbage"},
        {"ce_id": "no trace context"},
    ],
)
def test_publish_parent_is_the_context_the_propagator_extracts(stored):
    ours = trace.get_current_span(_parent(stored)).get_span_context()
    theirs = trace.get_current_span(context_from_mapping(stored)).get_span_context()
    assert ours == theirs
    assert (ours.trace_flags, ours.trace_state, ours.is_remote) == (
        theirs.trace_flags,
        theirs.trace_state,
        theirs.is_remote,
    )
