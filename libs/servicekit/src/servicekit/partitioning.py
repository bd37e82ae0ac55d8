"""The partition a keyed record goes to, as the producer's partitioner picks it, at relay rates."""

import struct
from typing import Any

from aiokafka.partitioner import DefaultPartitioner

_M, _MASK = 0x5BD1E995, 0xFFFFFFFF


def murmur2(data: bytes) -> int:
    """Kafka's murmur2 hash (the Java client's and aiokafka's, same value): aiokafka's pure-Python one
    took ~40 µs a key under load, the largest single cost of the relay; whole words unpacked at once."""
    length = len(data)
    h = (0x9747B28C ^ length) & _MASK
    words = length >> 2
    for k in struct.unpack_from(f"<{words}I", data) if words else ():
        k = (k * _M) & _MASK
        k = ((k ^ (k >> 24)) * _M) & _MASK
        h = ((h * _M) & _MASK) ^ k
    if tail := length & 3:
        base = length & ~3
        if tail == 3:
            h ^= data[base + 2] << 16
        if tail >= 2:
            h ^= data[base + 1] << 8
        h = ((h ^ data[base]) * _M) & _MASK
    h ^= h >> 13
    h = (h * _M) & _MASK
    return h ^ (h >> 15)


class KeyPartitioner:
    """Partitions of keyed records: aiokafka's default rule (murmur2 of the key modulo all partitions)
    computed here, any other partitioner called as the producer would call it."""

    def __init__(self, cluster: Any, partitioner: Any) -> None:
        self._cluster, self._partitioner = cluster, partitioner
        self._default = type(partitioner) is DefaultPartitioner
        self._topics: dict[str, list[int]] = {}

    def of(self, topic: str, key: bytes) -> int:
        """The partition of `key` in `topic` (whose metadata the producer has)."""
        partitions = self._topics.get(topic)
        if partitions is None:
            # listed as aiokafka's `send` lists them, so a key keeps the partition it had before
            partitions = self._topics[topic] = list(self._cluster.partitions_for_topic(topic))
        if self._default:
            return partitions[(murmur2(key) & 0x7FFFFFFF) % len(partitions)]
        available = list(self._cluster.available_partitions_for_topic(topic))
        return int(self._partitioner(key, partitions, available))
