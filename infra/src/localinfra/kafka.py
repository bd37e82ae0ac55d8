"""Starts a real single-node Apache Kafka broker (KRaft, broker and controller in one JVM) on 127.0.0.1."""

import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from localinfra.errors import InfraError
from localinfra.kafka_config import KafkaFiles, write_config
from localinfra.kafka_dist import java_executable, kafka_libs
from localinfra.ports import free_ports
from localinfra.processes import ManagedProcess, clear_stale, spawn
from localinfra.readiness import Probe, kafka_answers, wait_until_ready

_STORAGE_TOOL = "kafka.tools.StorageTool"


def _no_op() -> None:
    return None


@dataclass(frozen=True)
class BrokerSecurity:
    """What a secured broker adds: properties, storage-format arguments, and a readiness probe."""

    properties: Mapping[str, str]
    format_args: Sequence[str]
    probe: Probe


@dataclass
class KafkaServer:
    """A reachable Kafka broker; ``stop()`` ends it (process group or container) and is idempotent."""

    bootstrap_servers: str
    pid: int | None = None
    startup_seconds: float = 0.0
    _stopper: Callable[[], None] = field(default=_no_op, repr=False, compare=False)

    def stop(self) -> None:
        """Stop the broker and wait until nothing of it is left."""
        self._stopper()


def start_kafka(
    data_dir: Path,
    port: int | None = None,
    controller_port: int | None = None,
    heap_mb: int = 384,
    timeout: float = 60,
    *,
    secured: "BrokerSecurity | None" = None,
) -> KafkaServer:
    """Start a broker whose topics live in ``data_dir`` (kept across restarts); free ports when None.

    ``secured`` replaces the plaintext listener (see ``localinfra.kafka_secured``).
    """
    began = time.monotonic()
    java, libs = java_executable(), kafka_libs()
    files = KafkaFiles(data_dir.resolve())
    clear_stale(files.pid_file, marker=str(files.server_properties), stop_signal=signal.SIGTERM)
    port, controller_port = _ports(port, controller_port)
    write_config(files, port, controller_port, secured.properties if secured else None)
    if not files.formatted():
        _format_storage(java, libs, files, secured.format_args if secured else ())
    process = _launch(java, libs, files, heap_mb)
    bootstrap = f"127.0.0.1:{port}"
    probe = secured.probe if secured else (lambda: kafka_answers(bootstrap))
    try:
        wait_until_ready("Kafka", probe, process, timeout)
    except BaseException:
        process.stop()
        raise
    return KafkaServer(bootstrap, process.pid, time.monotonic() - began, process.stop)


def _ports(port: int | None, controller_port: int | None) -> tuple[int, int]:
    spare = iter(free_ports(2))
    chosen = port or next(spare)
    controller = controller_port or next(spare)
    if controller == chosen:
        controller = next(spare)
    return chosen, controller


def _format_storage(java: str, libs: Path, files: KafkaFiles, extra: Sequence[str] = ()) -> None:
    """Give a fresh log dir a new cluster id and a standalone controller quorum (plus ``extra`` args,
    e.g. the SCRAM users, which KRaft creates at format time)."""
    cluster_id = _run_tool(java, libs, files, ["random-uuid"]).strip().splitlines()[-1]
    config = str(files.server_properties)
    args = ["format", "-t", cluster_id, "-c", config, "--standalone", "--ignore-formatted", *extra]
    _run_tool(java, libs, files, args)


def _run_tool(java: str, libs: Path, files: KafkaFiles, args: list[str]) -> str:
    command = [java, "-Xmx128m", "-XX:+UseSerialGC", f"-Dlog4j2.configurationFile={files.tools_log4j}"]
    command += ["-cp", f"{libs}/*", _STORAGE_TOOL, *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        detail = (result.stdout + result.stderr)[-4000:]
        raise InfraError(f"kafka StorageTool {args[0]} failed (exit {result.returncode}):\n{detail}")
    return result.stdout


def _launch(java: str, libs: Path, files: KafkaFiles, heap_mb: int) -> ManagedProcess:
    command = [java, f"-Xms{min(heap_mb, 128)}m", f"-Xmx{heap_mb}m", "-XX:+UseSerialGC"]
    command += ["-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true"]
    command += [f"-Dkafka.logs.dir={files.logs}", f"-Dlog4j2.configurationFile={files.broker_log4j}"]
    command += ["-cp", f"{libs}/*", "kafka.Kafka", str(files.server_properties)]
    return spawn(
        command,
        pid_file=files.pid_file,
        output=files.logs / "kafka.out",
        logs=[files.logs / "server.log"],
        stop_signal=signal.SIGTERM,
    )
