"""Runs a service's operator command line (`python -m content dlq ...`) as an operator would."""

import json
import os
import subprocess
import sys


def dlq(*args: str, kafka: str, prefix: str) -> list[dict]:
    """The JSON lines `python -m content dlq <args>` prints (the kit's command line, any service will do)."""
    env = {
        **os.environ,
        "CONTENT_DATABASE_URL": "postgresql://unused@127.0.0.1/unused",
        "CONTENT_KAFKA_BOOTSTRAP": kafka,
        "CONTENT_TOPIC_PREFIX": prefix,
    }
    done = subprocess.run(
        [sys.executable, "-m", "content", "dlq", *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
