"""The command line every service gets: migrate, serve, dlq list/redrive, outbox list-refused/retry."""

import argparse
import asyncio
import json
import sys
from collections.abc import Callable

import asyncpg

from servicekit import relaystore
from servicekit.deadletter import H_CODE, H_REASON
from servicekit.dlqtool import DeadLetter, dead_letters, redrive
from servicekit.httpworkers import serve
from servicekit.kafka_security import kafka_endpoint
from servicekit.logs import configure_logging
from servicekit.runtime import Service, ServiceRuntime
from servicekit.settings import InvalidSettings


def _parser(name: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=f"python -m {name}")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply pending database migrations")
    sub.add_parser("serve", help="run the HTTP API, the outbox relay and the consumers")
    dlq = sub.add_parser("dlq", help="dead-letter topics")
    dlq.add_argument("action", choices=["list", "redrive"])
    dlq.add_argument("topic", help="the origin topic, as declared in contracts (without the DLQ suffix)")
    dlq.add_argument("--id", action="append", default=[], help="redrive only this ce_id (repeatable)")
    dlq.add_argument("--group", help="only the letters of this consumer group (e.g. notifications)")
    outbox = sub.add_parser("outbox", help="outbox rows Kafka refused (unknown topic, ACL, too large)")
    outbox.add_argument("action", choices=["list-refused", "retry"])
    outbox.add_argument("--id", action="append", default=[], help="retry only this ce_id (repeatable)")
    return p


def main(name: str, build: Callable[[], Service], argv: list[str] | None = None) -> int:
    """Run one command of service `name`."""
    args = _parser(name).parse_args(argv)
    try:
        service = build()
    except InvalidSettings as invalid:  # a clear line for the operator, not a traceback
        print(f"{name}: {invalid}", file=sys.stderr)
        return 2
    settings = service.runtime.settings
    # operator commands print their answers on stdout; only warnings belong on stderr then
    configure_logging(settings.service_name, settings.log_level if args.command == "serve" else "WARNING")
    if args.command == "migrate":
        applied = service.runtime.migrate()
        print(json.dumps({"service": name, "applied": applied}))
    elif args.command == "serve":
        serve(service, build)
    elif args.command == "outbox":
        return asyncio.run(_outbox(service.runtime, args.action, args.id))
    else:
        return asyncio.run(_dlq(service.runtime, args.action, args.topic, args.id, args.group))
    return 0


async def _dlq(runtime: ServiceRuntime, action: str, topic: str, ids: list[str], group: str | None) -> int:
    kafka, physical = kafka_endpoint(runtime.settings), runtime.topic_name(topic)
    group = None if group is None else runtime.settings.topic_prefix + group
    if action == "redrive":
        print(json.dumps({"redriven": await redrive(kafka, physical, ids, group)}))
        return 0
    async for letter in dead_letters(kafka, physical):
        if group in (None, letter.group):
            print(json.dumps(_listed(letter)))  # one line at a time: the DLQ may be large
    sys.stdout.flush()
    return 0


def _listed(letter: DeadLetter) -> dict[str, object]:
    """Headers only: the payload may carry personal data."""
    return {
        "partition": letter.partition,
        "offset": letter.offset,
        "ce_id": letter.event_id,
        "ce_type": letter.header("ce_type"),
        "malformed": letter.malformed,
        "code": letter.header(H_CODE),
        "reason": letter.header(H_REASON),
        "group": letter.group,
        "origin": letter.origin,
        "truncated": letter.truncated,
    }


async def _outbox(runtime: ServiceRuntime, action: str, ids: list[str]) -> int:
    conn = await asyncpg.connect(runtime.settings.database_url.get_secret_value())
    try:
        if action == "retry":  # the relay publishes them again, in order, on its next cycle
            print(json.dumps({"retried": await relaystore.retry_refused(conn, ids)}))
            return 0
        for row in await relaystore.refused_rows(conn):
            # No payload or key: they may carry personal data.
            print(
                json.dumps(
                    {
                        "seq": row["seq"],
                        "ce_id": row["event_id"],
                        "ce_type": row["event_type"],
                        "topic": row["topic"],
                        "reason": row["refused_reason"],
                        "refused_at": row["refused_at"].isoformat(),
                        "held_behind": row["held_behind"],
                    }
                )
            )
    finally:
        await conn.close()
    sys.stdout.flush()
    return 0
