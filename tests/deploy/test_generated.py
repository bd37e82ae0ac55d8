"""Files derived from contracts stay fresh, and the compose Kafka init does what contracts declare."""

import os
import subprocess
import sys

from contracts.grants import grants
from contracts.rights import PRINCIPALS, PrincipalKind
from contracts.topics import all_topic_specs

from tests.deploy.wiring import ROOT, compose

GENERATOR = ROOT / "deploy/generate.py"
_SHIM = '#!/bin/sh\necho "$(basename "$0") $*" >> "$RECORD"\n'


def test_the_generated_deploy_files_match_contracts():
    result = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _run_kafka_init(tmp_path, extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    for tool in ("kafka-topics.sh", "kafka-configs.sh", "kafka-acls.sh"):
        (tmp_path / tool).write_text(_SHIM)
        (tmp_path / tool).chmod(0o755)
    env = {
        "PATH": os.environ["PATH"],
        "KAFKA_BIN": str(tmp_path),
        "RECORD": str(tmp_path / "calls"),
        **extra_env,
    }
    script = ROOT / "deploy/kafka/init-topics-and-acls.sh"
    return subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True)


def test_kafka_init_creates_every_declared_topic_with_its_partitions_and_retention(tmp_path):
    _run_kafka_init(tmp_path, {"CITY_LMS_KAFKA_PASSWORD": "pw"}).check_returncode()
    calls = (tmp_path / "calls").read_text().splitlines()
    created = [c for c in calls if c.startswith("kafka-topics.sh")]
    assert len(created) == len(all_topic_specs())
    for spec, call in zip(all_topic_specs(), created, strict=True):
        assert f"--topic {spec.name} --partitions {spec.partitions}" in call
        assert f"retention.ms={spec.retention_ms}" in call and "--if-not-exists" in call


def test_kafka_init_gives_city_systems_scram_users_and_only_their_grants(tmp_path):
    _run_kafka_init(tmp_path, {"CITY_LMS_KAFKA_PASSWORD": "pw"}).check_returncode()
    calls = (tmp_path / "calls").read_text().splitlines()
    granted = set()
    for call in (c for c in calls if c.startswith("kafka-acls.sh")):
        words = call.split()
        assert words[words.index("--allow-principal") + 1] == "User:city-lms"
        kind = next(w for w in words if w in ("--topic", "--group"))
        name = words[words.index(kind) + 1]
        ops = {words[i + 1] for i, w in enumerate(words) if w == "--operation"}
        granted |= {(kind.strip("-"), name, op) for op in ops}
    expected = {(g.resource, g.name, g.operation) for g in grants() if g.principal == "city-lms"}
    assert granted == expected and expected
    assert any("--entity-name city-lms" in c and "SCRAM-SHA-512" in c for c in calls)


def test_compose_passes_every_city_systems_password_to_kafka_init():
    environment = compose().get_service("kafka-init").environment
    for city_system in [p.name for p in PRINCIPALS if p.kind is PrincipalKind.CITY_SYSTEM]:
        variable = city_system.upper().replace("-", "_") + "_KAFKA_PASSWORD"
        assert environment[variable].startswith(f"${{{variable}:?"), city_system


def test_kafka_init_refuses_to_run_without_a_city_systems_password(tmp_path):
    result = _run_kafka_init(tmp_path, {})
    assert result.returncode != 0 and "CITY_LMS_KAFKA_PASSWORD must be set" in result.stderr
