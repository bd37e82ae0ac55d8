"""The platform under test, as `make run` starts it (free ports), kept up by its supervisor in a thread."""

import os
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from localinfra.kafka import start_kafka
from localinfra.ports import free_ports
from localinfra.postgres import start_postgres
from localinfra.stack import SERVICES, Platform, Ports, start


@dataclass
class Stage:
    """A started platform whose crashed services the launcher's supervisor restarts (as under `make run`)."""

    platform: Platform
    server_start_seconds: float = 180.0  # a broker recovering its partitions on a loaded machine is slow
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.platform.ports.http(service)}"

    def dsn(self, service: str) -> str:
        """The service's runtime database URL, from the env file `make run` writes for its CLI."""
        lines = (self.platform.state / "env" / f"{service}.env").read_text().splitlines()
        prefix = f"{service.upper()}_DATABASE_URL="
        return next(line.removeprefix(prefix) for line in lines if line.startswith(prefix))

    @property
    def kafka(self) -> str:
        return f"127.0.0.1:{self.platform.ports.kafka}"

    def supervise(self) -> None:
        """The launcher's loop (`localinfra.platform.run`): restart what died, every 0.2 s, until `stop`."""
        while not self._stop.wait(0.2):
            with self._lock:
                for service in self.platform.services.values():
                    service.check()

    def given_up(self) -> list[str]:
        """Services the supervisor stopped restarting (a crash loop)."""
        return [name for name, s in self.platform.services.items() if s.given_up]

    def kill(self, service: str) -> None:
        """kill -9 of the service's whole process group (the supervisor notices and restarts it)."""
        with self._lock:
            os.killpg(self.platform.services[service].process.pid, signal.SIGKILL)

    def stop_kafka(self) -> None:
        assert self.platform.kafka is not None
        self.platform.kafka.stop()

    def start_kafka(self) -> None:
        """The broker again on its data directory and ports: topics, offsets and logs survive."""
        ports = self.platform.ports
        state = self.platform.state / "kafka"
        self.platform.kafka = start_kafka(
            state, port=ports.kafka, controller_port=ports.controller, timeout=self.server_start_seconds
        )

    def stop_postgres(self) -> None:
        assert self.platform.postgres is not None
        self.platform.postgres.stop()

    def start_postgres(self) -> None:
        ports, state = self.platform.ports, self.platform.state / "postgres"
        self.platform.postgres = start_postgres(state, port=ports.postgres, timeout=self.server_start_seconds)

    def not_ready(self) -> list[str]:
        """The services whose /health/ready is not 200 right now."""
        return [s for s in SERVICES if not _ready(self.url(s))]

    def stop(self) -> None:
        self._stop.set()
        self.platform.stop()


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health/ready", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def wait_all_ready(stage: Stage, timeout: float) -> float | None:
    """Seconds until every service answers ready (polled every 0.2 s), None if not within `timeout`."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if not stage.not_ready():
            return time.monotonic() - began
        time.sleep(0.2)
    return None


def start_stage(state: Path, server_start_seconds: float) -> Stage:
    """Kafka, PostgreSQL and the four services on free ports, supervised; stopped again on failure."""
    kafka, controller, postgres, smtp = free_ports(4)
    http_base, metrics_base = free_ports(4, consecutive=True)[0], free_ports(4, consecutive=True)[0]
    platform = Platform(state, Ports(kafka, controller, postgres, http_base, metrics_base, smtp))
    try:
        start(platform)
    except BaseException:
        platform.stop()
        raise
    stage = Stage(platform, server_start_seconds)
    threading.Thread(target=stage.supervise, name="chaos-supervisor", daemon=True).start()
    return stage
