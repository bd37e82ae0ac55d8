"""Example city-system producer: sends one learning_activity.recorded.v1 event to the platform's Kafka.

Needs only aiokafka and the standard library (a city system has none of the platform's packages).
Run against `make run` (plaintext, local only):

    python examples/city_producer.py --learner <learner id> --offering <offering id> --percent 40

In production set CITY_KAFKA_SECURITY_PROTOCOL=SASL_SSL, CITY_KAFKA_SASL_USERNAME/PASSWORD (SCRAM-SHA-512)
and CITY_KAFKA_SSL_CAFILE, or SSL with CITY_KAFKA_SSL_CERTFILE/KEYFILE for mTLS (see docs/producer-guide.md).
"""

import argparse
import asyncio
import json
import os
import ssl
import sys
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaProducer

EVENT_TYPE = "vn.hanoi.learningcity.city.learning_activity.recorded.v1"
TOPIC = "city.learning-activity"


def headers(source: str, event_id: str, learner_id: str, at: datetime) -> list[tuple[str, bytes]]:
    """The CloudEvents binary-mode headers the platform requires (see the catalogue)."""
    values = {
        "ce_specversion": "1.0",
        "ce_id": event_id,  # one id per fact, kept across retries: the platform then applies it once
        "ce_source": source,  # /vn/hanoi/city/<your principal>: any other source is dead-lettered
        "ce_type": EVENT_TYPE,
        "ce_time": at.isoformat(),
        "ce_subject": learner_id,
        "content-type": "application/json",
        "ce_dataclassification": "internal",
        "ce_datacategory": "personal",
        "ce_dataregulation": "VN-PDPL",
    }
    return [(name, value.encode()) for name, value in values.items()]


def security_options(env: dict[str, str]) -> dict[str, Any]:
    """Kafka client options from CITY_KAFKA_* variables (plaintext when none is set: local only)."""
    protocol = env.get("CITY_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
    options: dict[str, Any] = {"security_protocol": protocol}
    if protocol in ("SSL", "SASL_SSL"):
        context = ssl.create_default_context(cafile=env["CITY_KAFKA_SSL_CAFILE"])
        if "CITY_KAFKA_SSL_CERTFILE" in env:
            context.load_cert_chain(env["CITY_KAFKA_SSL_CERTFILE"], env["CITY_KAFKA_SSL_KEYFILE"])
        options["ssl_context"] = context
    if protocol.startswith("SASL"):
        options |= {
            "sasl_mechanism": "SCRAM-SHA-512",
            "sasl_plain_username": env["CITY_KAFKA_SASL_USERNAME"],
            "sasl_plain_password": env["CITY_KAFKA_SASL_PASSWORD"],
        }
    return options


async def send(args: argparse.Namespace) -> str:
    """Send one event, idempotently and acknowledged by all in-sync replicas; returns its ce_id."""
    now = datetime.now(UTC)
    payload = {
        "learner_id": args.learner,
        "offering_id": args.offering,
        "activity_id": args.activity,
        "progress_percent": args.percent,
        "occurred_at": now.isoformat(),
    }
    event_id = args.event_id or str(uuid.uuid4())
    producer = AIOKafkaProducer(
        bootstrap_servers=args.bootstrap,
        enable_idempotence=True,  # retries never duplicate or reorder within a partition
        acks="all",
        **security_options(dict(os.environ)),
    )
    await producer.start()
    try:
        await producer.send_and_wait(
            args.topic_prefix + TOPIC,
            json.dumps(payload).encode(),
            key=args.learner.encode(),  # the learner id: one learner's events stay in order
            headers=headers(f"/vn/hanoi/city/{args.system}", event_id, args.learner, now),
        )
    finally:
        await producer.stop()
    return event_id


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default="127.0.0.1:19092", help="make run's broker by default")
    parser.add_argument("--topic-prefix", default="", help="only for tests' isolated topics")
    parser.add_argument("--system", default="city-lms", help="your principal (Kafka user) name")
    parser.add_argument("--learner", required=True, help="the platform's pseudonymous learner id")
    parser.add_argument("--offering", required=True, help="the platform's offering id")
    parser.add_argument("--activity", default="https://lms.hanoi.example/module-1")
    parser.add_argument("--percent", type=int, default=None)
    parser.add_argument("--event-id", default=None, help="reuse to resend the same fact")
    args = parser.parse_args(argv)
    print(asyncio.run(send(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
