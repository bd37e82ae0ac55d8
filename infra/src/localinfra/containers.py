"""The Docker flavour: the same KafkaServer and PostgresServer, run by testcontainers when a daemon is up."""

import threading
import time
from collections.abc import Callable

from testcontainers.community.postgres import PostgresContainer
from testcontainers.core.container import DockerContainer

from localinfra import lifecycle
from localinfra.kafka import KafkaServer
from localinfra.kafka_config import SMALL_MACHINE_SETTINGS
from localinfra.pg_cluster import SUPERUSER
from localinfra.postgres import PostgresServer
from localinfra.readiness import kafka_answers, postgres_answers, wait_until_ready

KAFKA_IMAGE = "apache/kafka:4.1.1"
POSTGRES_IMAGE = "postgres:18"
_CLUSTER_ID = "bGVhcm5pbmdjaXR5LWxvYw"
_START_SCRIPT = "/localinfra-start.sh"
_INITDB_ARGS = "--locale-provider=builtin --builtin-locale=C.UTF-8 --locale=C"
_WAIT_FOR_SCRIPT = f"while [ ! -f {_START_SCRIPT} ]; do sleep 0.1; done; exec sh {_START_SCRIPT}"


class _ContainerWatch:
    """Lets readiness notice a container that died and show its last log lines."""

    def __init__(self, container: DockerContainer) -> None:
        self._container = container

    def alive(self) -> bool:
        self._container.reload()
        return self._container.status in {"created", "running"}

    def log_tail(self, lines: int = 40) -> str:
        stdout, stderr = self._container.get_logs()
        text = (stdout + stderr).decode(errors="replace").splitlines()[-lines:]
        return "\n".join([f"--- container {self._container.image} (last {len(text)} lines)", *text])


class _StopOnce:
    """Removes the container exactly once, whoever asks first (owner, atexit or SIGTERM)."""

    def __init__(self, container: DockerContainer) -> None:
        self._container = container
        self._lock = threading.RLock()
        self._done = False
        self._token = lifecycle.track(self)

    def __call__(self) -> None:
        with self._lock:
            if self._done:
                return
            self._done = True
        lifecycle.forget(self._token)
        self._container.stop()


def start_kafka_container(
    *, port: int | None = None, volume: str | None = None, heap_mb: int = 384, timeout: float = 120
) -> KafkaServer:
    """apache/kafka in KRaft combined mode; the advertised address is set once the mapped port is known."""
    began = time.monotonic()
    container = DockerContainer(KAFKA_IMAGE).with_envs(**_kafka_env(heap_mb))
    container.with_command(["sh", "-c", _WAIT_FOR_SCRIPT])
    _publish(container, 9092, port)
    if volume:
        container.with_volume_mapping(volume, "/var/lib/kafka/data", "rw")
    stop = _started(container)
    try:
        bootstrap = f"{container.get_container_host_ip()}:{container.get_exposed_port(9092)}"
        container.copy_into_container(_start_script(bootstrap), _START_SCRIPT, 0o755)
        watch = _ContainerWatch(container)
        wait_until_ready("Kafka container", lambda: kafka_answers(bootstrap), watch, timeout)
    except BaseException:
        stop()
        raise
    return KafkaServer(bootstrap, None, time.monotonic() - began, stop)


def start_postgres_container(
    *,
    password: str,
    port: int | None = None,
    volume: str | None = None,
    fast: bool = False,
    timeout: float = 120,
) -> PostgresServer:
    """postgres:18 with the same superuser, locale and (optionally) fast settings as the process flavour."""
    began = time.monotonic()
    container = _postgres_container(password, port, volume, fast)
    stop = _started(container)
    try:
        host, mapped = container.get_container_host_ip(), container.get_exposed_port(5432)
        server = PostgresServer(host, mapped, SUPERUSER, password, None, 0.0, stop)
        watch = _ContainerWatch(container)
        wait_until_ready("PostgreSQL container", lambda: postgres_answers(server.dsn()), watch, timeout)
    except BaseException:
        stop()
        raise
    server.startup_seconds = time.monotonic() - began
    return server


def _postgres_container(password: str, port: int | None, volume: str | None, fast: bool) -> PostgresContainer:
    container = PostgresContainer(
        POSTGRES_IMAGE, username=SUPERUSER, password=password, dbname="postgres", driver=None
    )
    container.with_env("POSTGRES_INITDB_ARGS", _INITDB_ARGS)
    container.with_command(_postgres_command(fast))
    _publish(container, 5432, port)
    if volume:
        container.with_volume_mapping(volume, "/var/lib/postgresql", "rw")
    return container


def _started(container: DockerContainer) -> Callable[[], None]:
    """Start the container; on failure remove whatever was created before re-raising."""
    try:
        container.start()
    except BaseException:
        container.stop()  # removes the container if one was created
        raise
    return _StopOnce(container)


def _publish(container: DockerContainer, inner: int, host_port: int | None) -> None:
    if host_port:
        container.with_bind_ports(inner, host_port)
    else:
        container.with_exposed_ports(inner)


def _kafka_env(heap_mb: int) -> dict[str, str]:
    settings = {
        "node.id": "1",
        "process.roles": "broker,controller",
        "listeners": "PLAINTEXT://0.0.0.0:9092,BROKER://0.0.0.0:9093,CONTROLLER://0.0.0.0:9094",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name": "BROKER",
        "controller.listener.names": "CONTROLLER",
        "controller.quorum.voters": "1@localhost:9094",
        "log.dirs": "/var/lib/kafka/data",
        **SMALL_MACHINE_SETTINGS,
    }
    env = {"KAFKA_" + key.upper().replace(".", "_"): value for key, value in settings.items()}
    return env | {"CLUSTER_ID": _CLUSTER_ID, "KAFKA_HEAP_OPTS": f"-Xms{min(heap_mb, 128)}m -Xmx{heap_mb}m"}


def _start_script(bootstrap: str) -> bytes:
    """Advertise the host-side address to clients and the container address to the broker itself."""
    advertised = f"PLAINTEXT://{bootstrap},BROKER://$(hostname -i | cut -d' ' -f1):9093"
    return f"export KAFKA_ADVERTISED_LISTENERS={advertised}\nexec /etc/kafka/docker/run\n".encode()


def _postgres_command(fast: bool) -> str:
    settings = {"shared_buffers": "32MB", "max_connections": "100"}
    if fast:
        settings |= {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
    return " ".join(["postgres", *(f"-c {key}={value}" for key, value in settings.items())])
