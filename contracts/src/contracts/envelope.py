"""CloudEvents 1.0 envelope in Kafka binary mode (``ce_*`` headers) and the consumer-side event decoder.

The envelope model lives in `contracts.cloudevent`, the decoder in `contracts.decoding`; this module is the
one producers and consumers import.
"""

from contracts.cloudevent import Envelope
from contracts.decoding import decode_event
from contracts.event import EventModel
from contracts.headers import EnvelopeError
from contracts.rejections import (
    InvalidPayload,
    MalformedEnvelope,
    NotCleared,
    RejectedEvent,
    UnknownEventType,
    UnknownMajorVersion,
    UntrustedSource,
)
from contracts.rights import SERVICE_SOURCE_PREFIX

__all__ = [
    "Envelope",
    "EnvelopeError",
    "InvalidPayload",
    "MalformedEnvelope",
    "NotCleared",
    "RejectedEvent",
    "UnknownEventType",
    "UnknownMajorVersion",
    "UntrustedSource",
    "decode_event",
    "encode_event",
    "source_for",
]


def encode_event(event: EventModel) -> bytes:
    """The Kafka message value of an event: its JSON payload."""
    return event.model_dump_json().encode()


def source_for(service: str) -> str:
    """The ``ce_source`` a platform service sends: ``/vn/hanoi/learningcity/<service>`` (the kit's outbox)."""
    return f"{SERVICE_SOURCE_PREFIX}{service}"
