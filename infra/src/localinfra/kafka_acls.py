"""Creates the declared topics and their ACLs on a secured broker, as the operator (admin) would.

aiokafka has no ACL API, so this uses kafka-python's admin client (pure Python, synchronous).
"""

import time
from collections.abc import Iterable

from contracts.grants import Grant, grants
from contracts.rights import TOPIC_RIGHTS
from contracts.topics import all_topic_specs
from kafka.admin import (
    ACL,
    ACLFilter,
    ACLOperation,
    ACLPermissionType,
    ACLResourcePatternType,
    KafkaAdminClient,
    NewTopic,
    ResourcePattern,
    ResourcePatternFilter,
    ResourceType,
)

from localinfra.kafka_secured import ADMIN, SCRAM, SecuredKafka

_RESOURCE = {"topic": ResourceType.TOPIC, "group": ResourceType.GROUP}
_EVERY_ACL = ACLFilter(
    None,
    None,
    ACLOperation.ANY,
    ACLPermissionType.ANY,
    ResourcePatternFilter(ResourceType.ANY, None, ACLResourcePatternType.ANY),
)


def grant_declared_rights(kafka: SecuredKafka, prefix: str = "") -> tuple[Grant, ...]:
    """Create every declared topic (and its dead-letter topic) and every grant, under ``prefix``."""
    declared = grants(prefix)
    admin = _admin(kafka)
    try:
        admin.create_topics(list(_new_topics(prefix)))
        result = admin.create_acls([_acl(grant) for grant in declared])
        if result["failed"]:
            raise RuntimeError(f"{len(result['failed'])} of {len(declared)} ACLs were not created")
        _wait_until_visible(admin, declared)
    finally:
        admin.close()
    return declared


def _wait_until_visible(admin: KafkaAdminClient, declared: tuple[Grant, ...], timeout: float = 15) -> None:
    """ACLs reach the broker's authorizer through the metadata log a moment after they are created."""
    wanted = {(f"User:{g.principal}", g.name, g.operation) for g in declared}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        acls, _ = admin.describe_acls(_EVERY_ACL)
        if wanted <= {(a.principal, a.resource_pattern.resource_name, a.operation.name) for a in acls}:
            return
        time.sleep(0.1)
    raise TimeoutError(f"the broker did not show the {len(wanted)} new ACLs within {timeout}s")


def _new_topics(prefix: str) -> Iterable[NewTopic]:
    specs = {spec.name: spec for spec in all_topic_specs()}
    for rights in TOPIC_RIGHTS:
        for name in (rights.topic, rights.dead_letter):
            # as the operator would create them: partitions, retention and compaction from the contract
            spec = specs.get(name)
            config = spec.kafka_config() if spec else {}
            yield NewTopic(prefix + name, spec.partitions if spec else 1, 1, topic_configs=config)


def _acl(grant: Grant) -> ACL:
    return ACL(
        principal=f"User:{grant.principal}",
        host="*",
        operation=ACLOperation[grant.operation],
        permission_type=ACLPermissionType.ALLOW,
        resource_pattern=ResourcePattern(_RESOURCE[grant.resource], grant.name),
    )


def _admin(kafka: SecuredKafka) -> KafkaAdminClient:
    return KafkaAdminClient(
        bootstrap_servers=kafka.sasl_bootstrap,
        security_protocol="SASL_SSL",
        ssl_cafile=str(kafka.cafile),
        sasl_mechanism=SCRAM,
        sasl_plain_username=ADMIN,
        sasl_plain_password=kafka.passwords[ADMIN],
        request_timeout_ms=10_000,
    )
