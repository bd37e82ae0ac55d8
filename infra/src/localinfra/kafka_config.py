"""Writes server.properties and the log4j2 files for a single-node KRaft broker tuned for small machines."""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class KafkaFiles:
    """Where one broker's configuration, data and logs live under its data dir."""

    data_dir: Path

    @property
    def server_properties(self) -> Path:
        return self.data_dir / "config" / "server.properties"

    @property
    def broker_log4j(self) -> Path:
        return self.data_dir / "config" / "log4j2.properties"

    @property
    def tools_log4j(self) -> Path:
        return self.data_dir / "config" / "tools-log4j2.properties"

    @property
    def log_dirs(self) -> Path:
        return self.data_dir / "kafka-logs"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "kafka.pid"

    def formatted(self) -> bool:
        return (self.log_dirs / "meta.properties").exists()


def write_config(
    files: KafkaFiles, port: int, controller_port: int, overrides: Mapping[str, str] | None = None
) -> None:
    """(Re)write the broker and logging configuration; data written earlier is untouched."""
    files.server_properties.parent.mkdir(parents=True, exist_ok=True)
    files.logs.mkdir(parents=True, exist_ok=True)
    properties = server_properties(port, controller_port, files.log_dirs, overrides)
    files.server_properties.write_text(properties)
    files.broker_log4j.write_text(_BROKER_LOG4J)
    files.tools_log4j.write_text(_TOOLS_LOG4J)


def server_properties(
    port: int, controller_port: int, log_dirs: Path, overrides: Mapping[str, str] | None = None
) -> str:
    """Combined broker+controller on 127.0.0.1, replication factor 1, few partitions and threads;
    ``overrides`` replace or add properties (the secured broker's listeners, TLS, SASL and ACLs)."""
    broker, controller = f"127.0.0.1:{port}", f"127.0.0.1:{controller_port}"
    settings = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "controller.quorum.bootstrap.servers": controller,
        "listeners": f"PLAINTEXT://{broker},CONTROLLER://{controller}",
        "advertised.listeners": f"PLAINTEXT://{broker},CONTROLLER://{controller}",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": "PLAINTEXT",
        "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs": str(log_dirs.resolve()),
        **SMALL_MACHINE_SETTINGS,
        **(overrides or {}),
    }
    return "".join(f"{key}={value}\n" for key, value in settings.items())


SMALL_MACHINE_SETTINGS = {
    "auto.create.topics.enable": "false",
    "num.partitions": "1",
    "default.replication.factor": "1",
    "min.insync.replicas": "1",
    "offsets.topic.replication.factor": "1",
    "offsets.topic.num.partitions": "4",
    "transaction.state.log.replication.factor": "1",
    "transaction.state.log.min.isr": "1",
    "transaction.state.log.num.partitions": "4",
    "share.coordinator.state.topic.replication.factor": "1",
    "share.coordinator.state.topic.min.isr": "1",
    "share.coordinator.state.topic.num.partitions": "1",
    "group.initial.rebalance.delay.ms": "0",
    "num.network.threads": "2",
    "num.io.threads": "2",
    "background.threads": "2",
    "num.recovery.threads.per.data.dir": "1",
    "num.replica.fetchers": "1",
    "log.cleaner.threads": "1",
}

_BROKER_LOG4J = """\
status = warn
appender.server.type = RollingFile
appender.server.name = SERVER
appender.server.fileName = ${sys:kafka.logs.dir}/server.log
appender.server.filePattern = ${sys:kafka.logs.dir}/server.log.%i
appender.server.policies.type = Policies
appender.server.policies.size.type = SizeBasedTriggeringPolicy
appender.server.policies.size.size = 10MB
appender.server.strategy.type = DefaultRolloverStrategy
appender.server.strategy.max = 3
appender.server.layout.type = PatternLayout
appender.server.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.server.ref = SERVER
"""

_TOOLS_LOG4J = """\
status = warn
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
"""
