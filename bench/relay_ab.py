"""Two kits' relays on one broker and server, beside the raw baselines of the same run.

`BEFORE=/path/to/old/servicekit/src python bench/relay_ab.py 16000 64000`: for each size, a trace per
event and 1000-event transactions, each drained in a fresh process by the kit on `BEFORE` (its
`publish_pending` in a loop) and by this one (`publish_available`, batches in flight at once), with that
process's CPU time per event; then the raw `send()` and `send_batch` rates."""

import asyncio
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from contracts.topics import COURSES, FOREVER, Topic
from localinfra.kafka import start_kafka
from localinfra.postgres import PostgresServer, create_service_database, start_postgres
from servicekit.kafka import ensure_topics

sys.path.insert(0, str(Path(__file__).parent))
import pipeline


async def drain(kafka: str, pg: PostgresServer, prefix: str, n: int, traced: bool) -> str:
    """One drain of a full outbox of `n` rows: events/s and the process's CPU µs per event."""
    db = await create_service_database(pg, f"ab_{uuid.uuid4().hex[:8]}", "bench")
    async with pipeline.filled_outbox(kafka, db, prefix, n, trace_per_event=traced) as service:
        relay = service.runtime.relay()
        wall, cpu = time.perf_counter(), time.process_time()
        drained = getattr(relay, "publish_available", relay.publish_pending)  # the old kit has only this
        while await drained():
            pass
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        return f"{n / wall:,.0f}/s, {cpu / n * 1e6:.1f} µs CPU/event"


async def run(kafka: str, pg: PostgresServer, sizes: list[int]) -> None:
    tag = uuid.uuid4().hex[:6]
    prefix, raw = f"ab{tag}.", Topic(f"raw{tag}", 3, FOREVER, "bench baseline", ())
    await ensure_topics(kafka, [raw, COURSES], prefix)
    for n in sizes:
        for traced in (True, False):
            kind = "trace/event" if traced else "bulk"
            for kit in ("before", "after"):
                env = {**os.environ, "PYTHONPATH": os.environ["BEFORE"]} if kit == "before" else None
                args = [kafka, pg.host, str(pg.port), pg.superuser, pg.password, prefix, str(n), str(traced)]
                command = [sys.executable, __file__, "--drain", *args]
                if profile := os.environ.get("PROFILE"):  # py-spy's raw samples of each drain
                    out = f"{profile}-{n}-{kind.replace('/', '')}-{kit}.txt"
                    command = ["py-spy", "record", "-r", "100", "--format", "raw", "-o", out, "--", *command]
                pipe = asyncio.subprocess.PIPE
                child = await asyncio.create_subprocess_exec(*command, env=env, stdout=pipe)
                figure = (await child.communicate())[0].decode().strip()
                print(f"{n:>6} {kind:<11} {kit:<6} {figure}  load {os.getloadavg()[0]:.1f}", flush=True)
        per_record = await pipeline.raw_producer(kafka, prefix + raw.name, n)
        batches = await pipeline.raw_record_batches(kafka, prefix + raw.name, n)
        print(f"{n:>6} raw send() {per_record:,.0f}/s, send_batch {batches:,.0f}/s", flush=True)


def main() -> None:
    if sys.argv[1] == "--drain":
        kafka, host, port, user, password, prefix, n, traced = sys.argv[2:]
        pg = PostgresServer(host, int(port), user, password)
        print(asyncio.run(drain(kafka, pg, prefix, int(n), traced == "True")))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [16000]
    with tempfile.TemporaryDirectory(prefix="relay-ab-") as tmp:
        os.chmod(tmp, 0o755)  # the PostgreSQL server runs as its own user
        server = start_postgres(Path(tmp) / "pg", fast=True)
        try:
            broker = start_kafka(Path(tmp) / "kafka")
            try:
                asyncio.run(run(broker.bootstrap_servers, server, sizes))
            finally:
                broker.stop()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
