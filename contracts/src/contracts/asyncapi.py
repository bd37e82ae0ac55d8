"""The platform's AsyncAPI 3.0 document: topics as channels, send and inbound receive operations."""

from importlib.metadata import version
from typing import Any

from contracts.asyncapi_messages import KAFKA_BINDING_VERSION, message_component, payload_schemas
from contracts.event import EventModel
from contracts.event_schema import Schema
from contracts.headers import CONTENT_TYPE
from contracts.registry import all_events, resolve
from contracts.rights import rights_for
from contracts.topics import INBOUND_TOPICS, TOPICS, Topic, all_topic_specs

ASYNCAPI_VERSION = "3.0.0"
_MESSAGE_REFS = "#/components/messages/"
TITLE = "Hanoi Learning City platform events"
_DESCRIPTION = (
    "Events exchanged by the content, enrolment, notifications and reporting services over Kafka. "
    "Each message is a CloudEvents 1.0 event in Kafka binary mode: attributes in `ce_*` headers, "
    "the JSON payload as the value, the aggregate id as the key. Within a major version changes are "
    "additive only; consumers ignore unknown fields. Channels marked `x-public: true` are the public "
    "inbound topics that the city's other systems write (see the `receive` operations and "
    "docs/producer-guide.md)."
)


def asyncapi_document() -> Schema:
    """The whole AsyncAPI document, deterministic for a given set of contracts."""
    events = all_events()
    names = [cls.__name__ for cls in events]
    if len(set(names)) != len(names):
        raise ValueError(f"event class names must be unique across producers: {sorted(names)}")
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {"title": TITLE, "version": version("learningcity-contracts"), "description": _DESCRIPTION},
        "defaultContentType": CONTENT_TYPE,
        "servers": _servers(),
        "channels": {channel_id(spec): _channel(spec) for spec in all_topic_specs()},
        "operations": dict(_send_operation(spec) for spec in TOPICS)
        | dict(_receive_operation(spec) for spec in INBOUND_TOPICS),
        "components": {
            "messages": {cls.__name__: message_component(cls) for cls in events},
            "schemas": {name: s for cls in events for name, s in payload_schemas(cls).items()},
        },
    }


def channel_id(spec: Topic) -> str:
    """Channel key of a topic in the document: the topic name with dots as underscores."""
    return spec.name.replace(".", "_")


def _servers() -> Schema:
    return {
        "kafka": {
            "host": "{bootstrap}",
            "protocol": "kafka",
            "description": "The platform's Kafka cluster.",
            "variables": {
                "bootstrap": {"default": "localhost:9092", "description": "Kafka bootstrap host:port."}
            },
        }
    }


def _topic_events(spec: Topic) -> list[type[EventModel]]:
    return [resolve(ce_type) for ce_type in spec.event_types]


def _channel(spec: Topic) -> Schema:
    inbound = spec in INBOUND_TOPICS
    return {
        "address": spec.name,
        "title": spec.name,
        "description": spec.description,
        "messages": {
            cls.__name__: {"$ref": f"#/components/messages/{cls.__name__}"} for cls in _topic_events(spec)
        },
        "bindings": {
            "kafka": {
                "partitions": spec.partitions,
                "topicConfiguration": _topic_configuration(spec),
                "bindingVersion": KAFKA_BINDING_VERSION,
            }
        },
    } | ({"x-public": True, "x-direction": "inbound"} if inbound else {})


def _topic_configuration(spec: Topic) -> Schema:
    # Kafka binding 0.5.0 has no field for max.compaction.lag.ms; the channel description says it.
    return {"cleanup.policy": [spec.kafka_config()["cleanup.policy"]], "retention.ms": spec.retention_ms}


def _send_operation(spec: Topic) -> tuple[str, Any]:
    events = _topic_events(spec)
    producers = sorted({cls.event_type().producer for cls in events})
    cid = channel_id(spec)
    return f"send_{cid}", {
        "action": "send",
        "channel": {"$ref": f"#/channels/{cid}"},
        "title": f"{', '.join(producers)} publishes {spec.name}",
        "summary": f"The {', '.join(producers)} service publishes these events through its outbox.",
        "messages": [{"$ref": f"#/channels/{cid}/messages/{cls.__name__}"} for cls in events],
        "x-producer": producers[0] if len(producers) == 1 else producers,
    }


def _receive_operation(spec: Topic) -> tuple[str, Any]:
    """The platform receives a public inbound topic: city systems write it, the listed services read it."""
    rights = rights_for(spec.name)
    cid = channel_id(spec)
    readers = ", ".join(rights.consumers)
    return f"receive_{cid}", {
        "action": "receive",
        "channel": {"$ref": f"#/channels/{cid}"},
        "title": f"The platform receives {spec.name}",
        "summary": f"City systems ({', '.join(rights.writers)}) write; {readers} read.",
        "description": (
            "Public inbound topic. A city system writes only here, as its own Kafka principal and with "
            "its own `ce_source`; invalid messages are dead-lettered with a reason and counted per source."
        ),
        "messages": [{"$ref": f"#/channels/{cid}/messages/{cls.__name__}"} for cls in _topic_events(spec)],
        "bindings": {
            "kafka": {
                "groupId": {"type": "string", "enum": list(rights.consumers)},
                "bindingVersion": KAFKA_BINDING_VERSION,
            }
        },
        "x-writers": list(rights.writers),
        "x-readers": list(rights.consumers),
    }
