"""A real Kafka broker: it starts, carries records, and reports clearly when it cannot start."""

import socket
from pathlib import Path

import pytest
from localinfra import InfraError, KafkaServer, start_kafka
from localinfra.kafka_dist import java_executable, kafka_libs

from tests.infra.infra_probes import consume_first, create_topic, list_topics, produce

pytestmark = pytest.mark.integration


async def test_record_produced_to_a_new_topic_is_consumed(
    kafka_server: KafkaServer, topic_prefix: str
) -> None:
    topic = f"{topic_prefix}round-trip"
    await create_topic(kafka_server.bootstrap_servers, topic)

    await produce(kafka_server.bootstrap_servers, topic, "Xin chào Hà Nội".encode())

    assert await consume_first(kafka_server.bootstrap_servers, topic) == "Xin chào Hà Nội".encode()


async def test_topics_are_not_created_implicitly(kafka_server: KafkaServer, topic_prefix: str) -> None:
    topic = f"{topic_prefix}never-created"
    await create_topic(kafka_server.bootstrap_servers, f"{topic_prefix}other")

    assert topic not in await list_topics(kafka_server.bootstrap_servers)


def test_broker_that_dies_at_start_up_raises_with_its_log(open_dir: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(InfraError, match="exited during start-up") as failure:
            start_kafka(open_dir / "kafka", port=port, timeout=60)

    assert "server.log" in str(failure.value)
    assert not (open_dir / "kafka" / "kafka.pid").exists()


def test_missing_java_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("JAVA_HOME", raising=False)

    with pytest.raises(InfraError, match="apt-get install openjdk-17-jre-headless"):
        java_executable()


def test_missing_maven_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LEARNINGCITY_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("PATH", "/nonexistent")

    with pytest.raises(InfraError, match="apt-get install maven"):
        kafka_libs()
