"""The servers of one test session: started on demand in the background, each at most once."""

import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Literal

from localinfra import lifecycle
from localinfra.backend import Backend, choose_backend, start_kafka_on, start_postgres_on
from localinfra.kafka import KafkaServer
from localinfra.postgres import PostgresServer

Service = Literal["kafka", "postgres"]


class SessionInfra:
    """Starts Kafka and PostgreSQL concurrently in a private temp dir and stops them, even on failure."""

    def __init__(self, backend: Backend | None = None) -> None:
        self.backend: Backend = backend or choose_backend()
        # 0755 so the unprivileged PostgreSQL user can reach its data dir inside
        self.root = Path(tempfile.mkdtemp(prefix="localinfra-"))
        os.chmod(self.root, 0o755)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="localinfra-start")
        self._lock = threading.RLock()
        self._kafka: Future[KafkaServer] | None = None
        self._postgres: Future[PostgresServer] | None = None
        self._stopped = False
        self._token = lifecycle.track(self.stop)  # so exit and SIGTERM also clean up the temp dir

    def begin(self, service: Service) -> None:
        """Start ``service`` in the background unless it is already started or starting."""
        if service == "kafka":
            self._kafka_future()
        else:
            self._postgres_future()

    def kafka(self) -> KafkaServer:
        return self._kafka_future().result()

    def postgres(self) -> PostgresServer:
        return self._postgres_future().result()

    def report(self) -> list[str]:
        """One line per started server with its start-up time, for the terminal summary."""
        lines = []
        for name, future in (("Kafka", self._kafka), ("PostgreSQL", self._postgres)):
            if future is not None and future.done() and future.exception() is None:
                server = future.result()
                lines.append(f"localinfra ({self.backend}): {name} ready in {server.startup_seconds:.2f}s")
        return lines

    def stop(self) -> None:
        """Stop whatever was started (waiting for starts in flight), then delete the temp dir; idempotent."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        lifecycle.forget(self._token)
        started: list[Future[KafkaServer] | Future[PostgresServer]] = []
        started += [future for future in (self._kafka, self._postgres) if future is not None]
        for future in started:
            if future.exception() is None:
                future.result().stop()
        self._pool.shutdown(wait=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def _kafka_future(self) -> "Future[KafkaServer]":
        with self._lock:
            if self._kafka is None:
                directory = self.root / "kafka"
                self._kafka = self._pool.submit(start_kafka_on, self.backend, directory, fixed_ports=False)
            return self._kafka

    def _postgres_future(self) -> "Future[PostgresServer]":
        with self._lock:
            if self._postgres is None:
                directory = self.root / "postgres"
                self._postgres = self._pool.submit(
                    start_postgres_on, self.backend, directory, fixed_ports=False, fast=True
                )
            return self._postgres
