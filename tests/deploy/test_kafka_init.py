"""Compose's kafka-init script run with the real Kafka 4.1.1 tools against the real secured broker."""

import asyncio
import os
import secrets
import shutil
import subprocess
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAuthorizationFailedError
from contracts.rights import CITY_LEARNING_ACTIVITY
from contracts.topics import COURSES, all_topic_specs
from localinfra.cache import cache_root, exclusive
from localinfra.kafka_dist import java_executable
from localinfra.kafka_secured import ADMIN, SecuredKafka, admin_options

from tests.deploy.wiring import ROOT
from tests.security.secured_clients import produce_as, sasl_settings

pytestmark = pytest.mark.integration
POM = Path(__file__).with_name("kafka-tools") / "pom.xml"
TOOLS = {
    "kafka-topics.sh": "org.apache.kafka.tools.TopicCommand",
    "kafka-acls.sh": "org.apache.kafka.tools.AclCommand",
    "kafka-configs.sh": "kafka.admin.ConfigCommand",
}


def _tool_jars() -> Path:
    """The Kafka command-line tools' jars, resolved once from Maven Central into the shared cache."""
    libs = cache_root() / "kafka-tools-4.1.1"
    with exclusive(libs.with_suffix(".lock")):
        if not (libs / "kafka-tools-4.1.1.jar").exists():
            partial = libs.with_suffix(".partial")
            shutil.rmtree(partial, ignore_errors=True)
            mvn = [shutil.which("mvn") or "mvn", "-q", "-B", "-f", str(POM), "dependency:copy-dependencies"]
            subprocess.run([*mvn, "-DincludeScope=runtime", f"-DoutputDirectory={partial}"], check=True)
            partial.rename(libs)
    return libs


@pytest.fixture(scope="module")
def kafka_bin(tmp_path_factory) -> Path:
    """`bin/kafka-*.sh` as in the image: each runs its tool's main class."""
    jars, java, bin_dir = _tool_jars(), java_executable(), tmp_path_factory.mktemp("kafka-bin")
    for script, main in TOOLS.items():
        jvm = f'"{java}" -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "{jars}/*"'
        (bin_dir / script).write_text(f'#!/bin/sh\nexec {jvm} {main} "$@"\n')
        (bin_dir / script).chmod(0o755)
    return bin_dir


def _client_config(kafka: SecuredKafka, directory: Path) -> Path:
    jaas = f'org.apache.kafka.common.security.scram.ScramLoginModule required username="{ADMIN}"'
    config = directory / "admin.properties"
    config.write_text(
        "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
        f'sasl.jaas.config={jaas} password="{kafka.passwords[ADMIN]}";\n'
        f"ssl.truststore.type=PEM\nssl.truststore.location={kafka.cafile}\n"
    )
    return config


def _run_init(kafka: SecuredKafka, kafka_bin: Path, prefix: str, password: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "KAFKA_BIN": str(kafka_bin),
        "KAFKA_BOOTSTRAP": kafka.sasl_bootstrap,
        "KAFKA_COMMAND_CONFIG": str(_client_config(kafka, tmp_path)),
        "TOPIC_PREFIX": prefix,
        "CITY_LMS_KAFKA_PASSWORD": password,
    }
    script = ROOT / "deploy/kafka/init-topics-and-acls.sh"
    result = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


async def test_kafka_init_creates_the_topics_and_lets_the_city_system_write_only_its_own(
    secured_kafka_server: SecuredKafka, kafka_bin: Path, topic_prefix: str, tmp_path: Path
):
    kafka, password = secured_kafka_server, secrets.token_urlsafe(18)
    await asyncio.to_thread(_run_init, kafka, kafka_bin, topic_prefix, password, tmp_path)
    kafka.passwords["city-lms"] = password  # the script set it; later tests of the session log in with it

    admin = AIOKafkaAdminClient(
        bootstrap_servers=kafka.sasl_bootstrap, **admin_options(kafka.cafile, kafka.passwords[ADMIN])
    )
    await admin.start()
    try:
        described = {
            t["topic"]: len(t["partitions"])
            for t in await admin.describe_topics([topic_prefix + spec.name for spec in all_topic_specs()])
        }
        await admin.create_topics([NewTopic(topic_prefix + CITY_LEARNING_ACTIVITY, 1, 1)])
    finally:
        await admin.close()
    assert described == {topic_prefix + spec.name: spec.partitions for spec in all_topic_specs()}

    city = sasl_settings(kafka, "city-lms", password)  # the new SCRAM credential works
    await produce_as(city, topic_prefix + CITY_LEARNING_ACTIVITY, b"{}")
    with pytest.raises(TopicAuthorizationFailedError):
        await produce_as(city, topic_prefix + COURSES.name, b"{}")
