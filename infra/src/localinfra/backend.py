"""Chooses local processes or Docker for Kafka and PostgreSQL, and starts both side by side."""

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar, cast

from localinfra.errors import InfraError
from localinfra.kafka import KafkaServer, start_kafka
from localinfra.pg_cluster import ClusterFiles, superuser_password
from localinfra.postgres import PostgresServer, start_postgres

Backend = Literal["process", "docker"]
BACKEND_VARIABLE = "LOCALINFRA_BACKEND"
FIXED_KAFKA_PORT = 19092
FIXED_CONTROLLER_PORT = 19093
FIXED_POSTGRES_PORT = 15432
T = TypeVar("T")


@dataclass
class Infra:
    """Kafka and PostgreSQL started together; ``stop()`` stops both, whatever happens to either."""

    kafka: KafkaServer
    postgres: PostgresServer
    backend: Backend

    def stop(self) -> None:
        try:
            self.kafka.stop()
        finally:
            self.postgres.stop()


def docker_reachable(timeout: float = 2.0) -> bool:
    """Whether the Docker daemon testcontainers would use answers a ping within ``timeout`` seconds."""
    try:
        import docker
        from testcontainers.core.docker_client import get_docker_host

        host = get_docker_host()  # DOCKER_HOST, ~/.testcontainers.properties or the docker context
        client = (
            docker.DockerClient(base_url=host, timeout=timeout) if host else docker.from_env(timeout=timeout)
        )
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


def choose_backend(
    setting: str | None = None, docker_probe: Callable[[], bool] = docker_reachable
) -> Backend:
    """``process`` or ``docker`` as asked; ``auto`` (the default) means Docker if a daemon answers.

    Without ``setting`` the choice comes from ``$LOCALINFRA_BACKEND``.
    """
    raw = setting if setting is not None else os.environ.get(BACKEND_VARIABLE, "")
    value = raw.strip().lower() or "auto"
    if value in ("process", "docker"):
        return cast(Backend, value)
    if value != "auto":
        raise InfraError(f"{BACKEND_VARIABLE} must be process, docker or auto, not {value!r}")
    return "docker" if docker_probe() else "process"


def start_kafka_on(backend: Backend, data_dir: Path, *, fixed_ports: bool) -> KafkaServer:
    """Kafka for ``data_dir``; with ``fixed_ports`` on 19092 (controller 19093), else on free ports."""
    if backend == "docker":
        from localinfra.containers import start_kafka_container

        port = FIXED_KAFKA_PORT if fixed_ports else None
        return start_kafka_container(port=port, volume=_volume(data_dir, "kafka") if fixed_ports else None)
    if fixed_ports:
        return start_kafka(data_dir, FIXED_KAFKA_PORT, FIXED_CONTROLLER_PORT)
    return start_kafka(data_dir)


def start_postgres_on(
    backend: Backend, data_dir: Path, *, fixed_ports: bool, fast: bool = False
) -> PostgresServer:
    """PostgreSQL for ``data_dir``; with ``fixed_ports`` on 15432, else on a free port."""
    port = FIXED_POSTGRES_PORT if fixed_ports else None
    if backend == "docker":
        from localinfra.containers import start_postgres_container

        password = superuser_password(ClusterFiles(data_dir.resolve()))
        volume = _volume(data_dir, "postgres") if fixed_ports else None
        return start_postgres_container(password=password, port=port, volume=volume, fast=fast)
    return start_postgres(data_dir, port, fast=fast)


def start_infra(
    data_dir: Path, *, fixed_ports: bool, fast: bool = False, backend: Backend | None = None
) -> Infra:
    """Start Kafka (``data_dir/kafka``) and PostgreSQL (``data_dir/postgres``) concurrently.

    ``fixed_ports`` is for ``make run`` (19092/19093/15432; Docker data kept in named volumes); tests pass
    False and get free ports. If one server fails the other is stopped before the error propagates.
    """
    chosen = backend or choose_backend()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="localinfra-start") as pool:
        kafka = pool.submit(start_kafka_on, chosen, data_dir / "kafka", fixed_ports=fixed_ports)
        postgres = pool.submit(
            start_postgres_on, chosen, data_dir / "postgres", fixed_ports=fixed_ports, fast=fast
        )
        return Infra(_settle(kafka, [postgres]), _settle(postgres, [kafka]), chosen)


def _settle(wanted: "Future[T]", others: "list[Future[KafkaServer] | Future[PostgresServer]]") -> T:
    """The result of ``wanted``; if it failed, stop whatever the other futures started, then re-raise."""
    try:
        return wanted.result()
    except BaseException:
        for other in others:
            if other.exception() is None:
                other.result().stop()
        raise


def _volume(data_dir: Path, service: str) -> str:
    """A Docker volume name tied to this data dir, so make run keeps its data across restarts."""
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]
    return f"learningcity-{digest}-{service}"
