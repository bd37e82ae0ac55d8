"""Kubernetes manifests, rendered with the pinned kustomize and validated offline (no cluster needed)."""

import copy
import re

import jsonschema
import kubernetes_validate
import pytest
from contracts.grants import grants
from contracts.rights import TOPIC_RIGHTS
from contracts.topics import all_topic_specs
from localinfra.platform import SERVICES

from tests.deploy.manifests import (
    KUBERNETES_VERSION,
    crd_schemas,
    of_kind,
    rendered,
    validate_custom_resource,
)
from tests.deploy.wiring import env_names, required_env

OVERLAYS = ("dev", "prod")
HELPERS = {"DB_PASSWORD", "DB_OWNER_PASSWORD"}  # secrets spliced into the URLs by $(VAR) expansion only


def _custom(doc: dict) -> bool:
    return doc["apiVersion"].split("/")[0].endswith(("strimzi.io", "cnpg.io"))


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_built_in_resources_validate_against_the_kubernetes_schemas(overlay):
    for doc in rendered(overlay):
        if not _custom(doc):
            kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_operator_resources_validate_against_the_strimzi_and_cloudnativepg_crds(overlay):
    custom = [doc for doc in rendered(overlay) if _custom(doc)]
    assert {doc["kind"] for doc in custom} >= {"Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster"}
    for doc in custom:
        validate_custom_resource(doc)


def test_the_validators_reject_a_misspelled_field():
    deployment = copy.deepcopy(of_kind("prod", "Deployment")[0])
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    container["livenesProbe"] = container.pop("livenessProbe")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)
    topic = copy.deepcopy(of_kind("prod", "KafkaTopic")[0])
    topic["spec"]["partition"] = topic["spec"].pop("partitions")
    with pytest.raises(jsonschema.ValidationError):
        validate_custom_resource(topic)
    assert ("kafka.strimzi.io/v1", "KafkaUser") in crd_schemas()


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_service_has_its_workload_disruption_budget_autoscaler_network_policy_and_migration(overlay):
    for kind in ("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy"):
        assert set(SERVICES) <= {doc["metadata"]["name"] for doc in of_kind(overlay, kind)}, kind
    assert {f"{s}-migrate" for s in SERVICES} == {doc["metadata"]["name"] for doc in of_kind(overlay, "Job")}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_deployment_has_probes_resources_and_runs_non_root_on_a_read_only_root(overlay):
    for deployment in of_kind(overlay, "Deployment"):
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
        for container in pod["containers"]:
            assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
            assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
            assert container["startupProbe"]
            assert container["resources"]["requests"] and container["resources"]["limits"]["memory"]
            assert container["securityContext"]["readOnlyRootFilesystem"] is True
            assert container["securityContext"]["allowPrivilegeEscalation"] is False


def _variables(overlay: str, name: str, kind: str, object_name: str) -> set[str]:
    [workload] = [d for d in of_kind(overlay, kind) if d["metadata"]["name"] == object_name]
    [container] = workload["spec"]["template"]["spec"]["containers"]
    [config] = [d for d in of_kind(overlay, "ConfigMap") if d["metadata"]["name"] == f"{name}-config"]
    return {e["name"] for e in container["env"]} | set(config["data"])


@pytest.mark.parametrize("name", SERVICES)
def test_every_setting_without_a_default_is_given_and_every_variable_is_a_setting(name):
    for kind, object_name in (("Deployment", name), ("Job", f"{name}-migrate")):
        variables = _variables("prod", name, kind, object_name)
        assert required_env(name) <= variables, object_name
        assert not variables - set(env_names(name)) - HELPERS, object_name
        assert f"{name.upper()}_JWT_JWKS_URL" in variables
    assert f"{name.upper()}_MIGRATION_DATABASE_URL" not in _variables("prod", name, "Deployment", name)


def test_kafka_topics_are_the_topics_contracts_declare():
    declared = {t.name: (t.partitions, t.retention_ms) for t in all_topic_specs()}
    topics = {
        t["spec"]["topicName"]: (t["spec"]["partitions"], t["spec"]["config"]["retention.ms"])
        for t in of_kind("prod", "KafkaTopic")
    }
    assert topics == declared
    assert {t["spec"]["replicas"] for t in of_kind("prod", "KafkaTopic")} == {3}


def test_kafka_users_are_granted_exactly_what_contracts_grant():
    granted = set()
    for user in of_kind("prod", "KafkaUser"):
        for acl in user["spec"]["authorization"]["acls"]:
            resource = acl["resource"]
            for operation in acl["operations"]:
                granted.add((user["metadata"]["name"], resource["type"], resource["name"], operation.upper()))
    assert granted == {(g.principal, g.resource, g.name, g.operation) for g in grants()}


@pytest.mark.parametrize("name", SERVICES)
def test_a_service_reaches_only_kafka_its_own_database_the_collector_dns_and_the_identity_provider(name):
    [policy] = [p for p in of_kind("prod", "NetworkPolicy") if p["metadata"]["name"] == name]
    ports = sorted(port["port"] for rule in policy["spec"]["egress"] for port in rule["ports"])
    assert ports == [53, 53, 443, 4318, 5432, 9093]
    [database] = [r["to"][0] for r in policy["spec"]["egress"] if r["ports"][0]["port"] == 5432]
    assert database == {"podSelector": {"matchLabels": {"cnpg.io/cluster": f"{name}-db"}}}


def test_the_default_deny_policy_selects_every_service_pod():
    [deny] = [p for p in of_kind("prod", "NetworkPolicy") if p["metadata"]["name"] == "default-deny"]
    selector = deny["spec"]["podSelector"]["matchLabels"]
    assert deny["spec"]["policyTypes"] == ["Ingress", "Egress"] and "ingress" not in deny["spec"]
    for workload in (*of_kind("prod", "Deployment"), *of_kind("prod", "Job")):
        labels = workload["spec"]["template"]["metadata"]["labels"]
        assert selector.items() <= labels.items(), workload["metadata"]["name"]


def test_one_ingress_serves_every_service_under_its_prefix_with_tls_in_prod():
    [ingress] = of_kind("prod", "Ingress")
    paths = {p["path"]: p["backend"]["service"]["name"] for p in ingress["spec"]["rules"][0]["http"]["paths"]}
    for name in SERVICES:
        assert paths[f"/api/{name}(/|$)(.*)"] == name
    assert ingress["spec"]["tls"][0]["hosts"] == [ingress["spec"]["rules"][0]["host"]]


def test_prod_backs_up_every_database_and_keeps_three_instances():
    clusters = {c["metadata"]["name"]: c["spec"] for c in of_kind("prod", "Cluster")}
    assert set(clusters) == {f"{s}-db" for s in SERVICES}
    assert all(spec["instances"] == 3 and spec["backup"]["barmanObjectStore"] for spec in clusters.values())
    scheduled = {b["spec"]["cluster"]["name"] for b in of_kind("prod", "ScheduledBackup")}
    assert scheduled == set(clusters)


def test_passwords_are_written_in_the_dev_overlay_only():
    assert not of_kind("prod", "Secret")
    assert {s["metadata"]["name"] for s in of_kind("dev", "Secret")} == {
        f"{s}-db-{role}" for s in SERVICES for role in ("runtime", "owner")
    }


def test_consumers_also_scale_on_their_lag_in_prod():
    lagging = {
        h["metadata"]["name"]
        for h in of_kind("prod", "HorizontalPodAutoscaler")
        if any(m["type"] == "External" for m in h["spec"]["metrics"])
    }
    assert lagging == {c for rights in TOPIC_RIGHTS for c in rights.consumers} and lagging


def test_every_service_image_is_set_by_the_overlay():
    for overlay, pattern in (("dev", r"^localhost:5001/learningcity/\w+:dev$"), ("prod", r"^registry\.")):
        for workload in (*of_kind(overlay, "Deployment"), *of_kind(overlay, "Job")):
            image = workload["spec"]["template"]["spec"]["containers"][0]["image"]
            assert re.match(pattern, image), image
