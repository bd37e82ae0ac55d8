"""`make run`: Kafka, PostgreSQL, the four services and demo data on this machine; Ctrl-C stops it all."""

import argparse
import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from servicekit.devtoken import LOCAL_DEV_KEY

from localinfra.demo_load import load_demo_data
from localinfra.kafka import KafkaServer, start_kafka
from localinfra.postgres import PostgresServer, create_service_database, start_postgres
from localinfra.processes import ManagedProcess, clear_stale, spawn
from localinfra.service_health import wait_ready

SERVICES = ("content", "enrolment", "notifications", "reporting")


@dataclass
class Ports:
    """Where things listen: fixed and documented for `make run`, free ones in tests."""

    kafka: int = 19092
    controller: int = 19093
    postgres: int = 15432
    http_base: int = 8001  # content 8001, enrolment 8002, notifications 8003, reporting 8004
    metrics_base: int = 9101  # /metrics of content 9101, enrolment 9102, ...

    def http(self, service: str) -> int:
        return self.http_base + SERVICES.index(service)

    def metrics(self, service: str) -> int:
        return self.metrics_base + SERVICES.index(service)


@dataclass
class Platform:
    """What one `run` started, so that it can all be stopped."""

    state: Path
    ports: Ports
    kafka: KafkaServer | None = None
    postgres: PostgresServer | None = None
    services: dict[str, ManagedProcess] = field(default_factory=dict)

    def stop(self) -> None:
        for process in self.services.values():
            process.stop(grace=15)
        if self.kafka:
            self.kafka.stop()
        if self.postgres:
            self.postgres.stop()
        (self.state / "platform.pid").unlink(missing_ok=True)


def _passwords(state: Path) -> dict[str, str]:
    path = state / "service-passwords.json"
    if not path.exists():
        path.write_text(json.dumps({s: secrets.token_urlsafe(24) for s in SERVICES}))
        path.chmod(0o600)
    passwords: dict[str, str] = json.loads(path.read_text())
    return passwords


def _service_env(service: str, dsn: str, platform: Platform) -> dict[str, str]:
    """The service's settings; also written to state/env/<service>.env for its CLI (`dlq list`, ...)."""
    prefix = service.upper() + "_"
    own = {
        prefix + "DATABASE_URL": dsn,
        prefix + "KAFKA_BOOTSTRAP": f"127.0.0.1:{platform.ports.kafka}",
        prefix + "HTTP_PORT": str(platform.ports.http(service)),
        prefix + "METRICS_PORT": str(platform.ports.metrics(service)),
        # set explicitly here and nowhere else: services have no key by default (see servicekit.devtoken)
        prefix + "JWT_DEV_SECRET": LOCAL_DEV_KEY,
    }
    env_file = platform.state / "env" / f"{service}.env"
    env_file.parent.mkdir(exist_ok=True)
    env_file.write_text("".join(f"{k}={v}\n" for k, v in own.items()))
    env_file.chmod(0o600)
    return {**os.environ, **own}


def start(platform: Platform) -> None:
    """Start everything; raise (after the caller's stop) on any failure."""
    state, ports = platform.state, platform.ports
    platform.kafka = start_kafka(state / "kafka", port=ports.kafka, controller_port=ports.controller)
    platform.postgres = start_postgres(state / "postgres", port=ports.postgres)
    print(
        f"Kafka ready in {platform.kafka.startup_seconds:.1f}s, "
        f"PostgreSQL in {platform.postgres.startup_seconds:.1f}s",
        flush=True,
    )
    logs = state / "logs"
    logs.mkdir(exist_ok=True)
    for service, password in _passwords(state).items():
        dsn = asyncio.run(create_service_database(platform.postgres, service, password))
        env = _service_env(service, dsn, platform)
        with (logs / f"{service}.log").open("ab") as log:
            argv = [sys.executable, "-m", service, "migrate"]
            subprocess.run(argv, env=env, check=True, stdout=log, stderr=log)
        pid_file = state / f"{service}.pid"
        clear_stale(pid_file, f"-m {service} serve", signal.SIGTERM)
        platform.services[service] = spawn(
            [sys.executable, "-m", service, "serve"],
            pid_file=pid_file,
            output=logs / f"{service}.log",
            env=env,
        )
    for service in SERVICES:
        wait_ready(f"http://127.0.0.1:{ports.http(service)}", platform.services[service], timeout=60)


def print_urls(platform: Platform) -> None:
    print("\nHanoi Learning City platform is up (Ctrl-C or `make stop` stops everything):")
    for service in SERVICES:
        base = f"http://127.0.0.1:{platform.ports.http(service)}"
        print(
            f"  {service:<14} API docs {base}/docs   OpenAPI {base}/openapi.json   health {base}/health/ready"
            f"   metrics http://127.0.0.1:{platform.ports.metrics(service)}/metrics"
        )
    print(
        f"  events catalogue (AsyncAPI 3.0) http://127.0.0.1:{platform.ports.http('content')}/asyncapi.json"
    )
    print(f"  Kafka 127.0.0.1:{platform.ports.kafka}   PostgreSQL 127.0.0.1:{platform.ports.postgres}")
    print(f"  data: {platform.state}   logs: {platform.state / 'logs'}", flush=True)


def run(state: Path, ports: Ports) -> int:
    """Start, load demo data, then wait for Ctrl-C/SIGTERM or a service dying; always stop everything."""
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)  # PostgreSQL runs as an unprivileged user when we are root
    (state / "platform.pid").write_text(str(os.getpid()))
    platform = Platform(state.resolve(), ports)
    stopping = False

    def on_signal(signum: int, _: object) -> None:
        nonlocal stopping
        stopping = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        started = time.monotonic()
        start(platform)
        load_demo_data({s: f"http://127.0.0.1:{ports.http(s)}" for s in SERVICES})
        print(f"started in {time.monotonic() - started:.1f}s")
        print_urls(platform)
        while not stopping:
            dead = [s for s, p in platform.services.items() if not p.alive()]
            if dead:
                print(
                    f"service stopped unexpectedly: {', '.join(dead)} (see {state / 'logs'})", file=sys.stderr
                )
                return 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        print("stopping ...", flush=True)
        platform.stop()
        print("stopped", flush=True)
    return 0


def stop(state: Path, timeout: float = 60) -> int:
    """Ask a running `make run` to stop, and wait until it has."""
    pid_file = state / "platform.pid"
    if not pid_file.exists():
        print("nothing to stop")
        return 0
    pid = int(pid_file.read_text())
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pid_file.unlink(missing_ok=True)
        return 0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.2)
    return 0 if not Path(f"/proc/{pid}").exists() else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m localinfra.platform")
    parser.add_argument("command", choices=["run", "stop"])
    parser.add_argument("--state", type=Path, default=Path(".state"))
    parser.add_argument("--kafka-port", type=int, default=Ports.kafka)
    parser.add_argument("--controller-port", type=int, default=Ports.controller)
    parser.add_argument("--postgres-port", type=int, default=Ports.postgres)
    parser.add_argument("--http-base-port", type=int, default=Ports.http_base)
    parser.add_argument("--metrics-base-port", type=int, default=Ports.metrics_base)
    args = parser.parse_args(argv)
    if args.command == "stop":
        return stop(args.state)
    ports = Ports(
        args.kafka_port, args.controller_port, args.postgres_port, args.http_base_port, args.metrics_base_port
    )
    return run(args.state, ports)


if __name__ == "__main__":
    sys.exit(main())
