"""Choosing between local processes and Docker, and the Docker flavour's configuration (no daemon here)."""

import time
from pathlib import Path

import pytest
from localinfra import InfraError, choose_backend
from localinfra.backend import BACKEND_VARIABLE, _volume, docker_reachable


def _docker_up() -> bool:
    return True


def _docker_down() -> bool:
    return False


@pytest.mark.parametrize("setting", ["process", "PROCESS", " process "])
def test_process_backend_when_asked_even_if_docker_is_up(setting: str) -> None:
    assert choose_backend(setting, docker_probe=_docker_up) == "process"


def test_docker_backend_when_asked_even_if_docker_seems_down() -> None:
    assert choose_backend("docker", docker_probe=_docker_down) == "docker"


@pytest.mark.parametrize(("probe", "expected"), [(_docker_up, "docker"), (_docker_down, "process")])
def test_auto_uses_docker_only_when_a_daemon_answers(probe: object, expected: str) -> None:
    assert choose_backend("auto", docker_probe=probe) == expected  # type: ignore[arg-type]


def test_backend_comes_from_the_environment_and_defaults_to_auto(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BACKEND_VARIABLE, "process")
    assert choose_backend(docker_probe=_docker_up) == "process"
    monkeypatch.delenv(BACKEND_VARIABLE)
    assert choose_backend(docker_probe=_docker_up) == "docker"
    assert choose_backend(docker_probe=_docker_down) == "process"


def test_unknown_backend_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BACKEND_VARIABLE, "kubernetes")

    with pytest.raises(InfraError, match="process, docker or auto"):
        choose_backend(docker_probe=_docker_up)


def test_docker_probe_answers_quickly_without_a_daemon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    began = time.monotonic()

    assert docker_reachable(timeout=1.0) is False
    assert time.monotonic() - began < 3


def test_kafka_container_is_configured_like_the_local_broker() -> None:
    from localinfra.containers import KAFKA_IMAGE, _kafka_env, _start_script

    env = _kafka_env(heap_mb=256)

    assert KAFKA_IMAGE == "apache/kafka:4.1.1"
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == "1"
    assert env["KAFKA_HEAP_OPTS"] == "-Xms128m -Xmx256m"
    assert len(env["CLUSTER_ID"]) == 22
    assert b"PLAINTEXT://localhost:32768," in _start_script("localhost:32768")


def test_postgres_container_fast_mode_trades_durability() -> None:
    from localinfra.containers import POSTGRES_IMAGE, _postgres_command

    assert POSTGRES_IMAGE == "postgres:18"
    assert "-c fsync=off" in _postgres_command(fast=True)
    assert "fsync" not in _postgres_command(fast=False)


def test_docker_volumes_are_named_after_the_data_dir(tmp_path: Path) -> None:
    assert _volume(tmp_path, "kafka") == _volume(tmp_path / ".", "kafka")
    assert _volume(tmp_path, "kafka") != _volume(tmp_path / "other", "kafka")
    assert _volume(tmp_path, "postgres").startswith("learningcity-")
