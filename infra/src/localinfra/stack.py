"""The local stack `make run` starts: where it listens, what it started, and how it starts it all."""

import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from servicekit.devtoken import LOCAL_DEV_KEY

from localinfra.kafka import KafkaServer, start_kafka
from localinfra.mail_sink import MailSink, start_local_mail_sink
from localinfra.postgres import PostgresServer, ServiceDatabase, create_service_database, start_postgres
from localinfra.processes import ManagedProcess, clear_stale, spawn
from localinfra.service_health import wait_ready
from localinfra.supervisor import SupervisedService

SERVICES = ("content", "enrolment", "notifications", "reporting")


@dataclass
class Ports:
    """Where things listen: fixed and documented for `make run`, free ones in tests."""

    kafka: int = 19092
    controller: int = 19093
    postgres: int = 15432
    http_base: int = 8001  # content 8001, enrolment 8002, notifications 8003, reporting 8004
    metrics_base: int = 9101  # /metrics of content 9101, enrolment 9102, ...
    smtp: int = 8025  # the local mail sink notifications sends e-mail to

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
    services: dict[str, SupervisedService] = field(default_factory=dict)
    mail_sink: MailSink | None = None
    postgres_max_connections: int = 100  # the bench raises it: its raw baseline connects beside the pools

    def stop(self) -> None:
        for service in self.services.values():
            service.stop(grace=15)
        if self.kafka:
            self.kafka.stop()
        if self.postgres:
            self.postgres.stop()
        if self.mail_sink:
            self.mail_sink.stop()
        (self.state / "platform.pid").unlink(missing_ok=True)


def _passwords(state: Path) -> dict[str, str]:
    path = state / "service-passwords.json"
    if not path.exists():
        path.write_text(json.dumps({s: secrets.token_urlsafe(24) for s in SERVICES}))
        path.chmod(0o600)
    passwords: dict[str, str] = json.loads(path.read_text())
    return passwords


def _service_env(service: str, database: ServiceDatabase, platform: Platform) -> dict[str, str]:
    """The service's settings; also written to state/env/<service>.env for its CLI (`dlq list`, ...).

    `migrate` runs as the owner (MIGRATION_DATABASE_URL), `serve` as the read/write-only runtime role.
    """
    prefix = service.upper() + "_"
    own = {
        prefix + "DATABASE_URL": database.runtime,
        prefix + "MIGRATION_DATABASE_URL": database.migration,
        prefix + "KAFKA_BOOTSTRAP": f"127.0.0.1:{platform.ports.kafka}",
        prefix + "HTTP_PORT": str(platform.ports.http(service)),
        prefix + "METRICS_PORT": str(platform.ports.metrics(service)),
        # set explicitly here and nowhere else: services have no key by default (see servicekit.devtoken)
        prefix + "JWT_DEV_SECRET": LOCAL_DEV_KEY,
        prefix + "SMTP_PORT": str(platform.ports.smtp),  # only notifications sends mail
        prefix + "UNSUBSCRIBE_BASE_URL": f"http://127.0.0.1:{platform.ports.http('notifications')}",
        # the demo shows rates: reporting's illustrative population file (flagged as such in every response)
        prefix + "POPULATION_DATASET": "illustrative",
        prefix + "TEACHER_BASELINE_DATASET": "illustrative",  # and teacher shares (flagged likewise)
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
    platform.postgres = start_postgres(
        state / "postgres", port=ports.postgres, max_connections=platform.postgres_max_connections
    )
    print(
        f"Kafka ready in {platform.kafka.startup_seconds:.1f}s, "
        f"PostgreSQL in {platform.postgres.startup_seconds:.1f}s",
        flush=True,
    )
    logs = state / "logs"
    logs.mkdir(exist_ok=True)
    platform.mail_sink = start_local_mail_sink(ports.smtp, state / "mail")
    for service, password in _passwords(state).items():
        database = asyncio.run(create_service_database(platform.postgres, service, password))
        env = _service_env(service, database, platform)
        with (logs / f"{service}.log").open("ab") as log:
            argv = [sys.executable, "-m", service, "migrate"]
            subprocess.run(argv, env=env, check=True, stdout=log, stderr=log)
        clear_stale(state / f"{service}.pid", f"-m {service} serve", signal.SIGTERM)
        serving = {k: v for k, v in env.items() if k != f"{service.upper()}_MIGRATION_DATABASE_URL"}
        platform.services[service] = SupervisedService(service, _server(service, serving, state), say=_say)
    for service in SERVICES:
        wait_ready(f"http://127.0.0.1:{ports.http(service)}", platform.services[service].process, timeout=60)


def _server(service: str, env: dict[str, str], state: Path) -> Callable[[], ManagedProcess]:
    """How to (re)start `python -m <service> serve`, output appended to its log."""
    argv = [sys.executable, "-m", service, "serve"]
    log, pid_file = state / "logs" / f"{service}.log", state / f"{service}.pid"
    return lambda: spawn(argv, pid_file=pid_file, output=log, env=env)


def _say(line: str) -> None:
    print(line, flush=True)
