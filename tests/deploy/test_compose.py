"""The operators' compose stack, checked without a Docker engine: spec-valid, wired from settings classes."""

import json
import re

import compose_spec
import pytest
from localinfra.platform import SERVICES
from servicekit.settings import InvalidSettings

from tests.deploy.wiring import ROOT, SETTINGS, compose, env_names, interpolations, long_running, required_env

# Optional on purpose; every other interpolation must be set in .env (no default passwords).
OPTIONAL = {"OTEL_EXPORTER_OTLP_ENDPOINT", "CORS_ORIGINS", "LOG_LEVEL", "VERSION"}
# Images without a shell or HTTP client to probe with; smoke.sh proves them end to end instead.
UNPROBED = {"otel-collector": "distroless image; smoke.sh sees its traces arrive in Jaeger"}
DATA_STORES = ("kafka", *(f"{s}-db" for s in SERVICES))


def test_compose_file_follows_the_compose_specification():
    expected = {"kafka", "kafka-init", "proxy", "mail", "otel-collector", "jaeger", "prometheus"}
    for service in SERVICES:
        expected |= {service, f"{service}-db", f"{service}-migrate"}
    assert expected <= set(compose().services)


def test_the_validator_rejects_an_unknown_service_key():
    text = (ROOT / "docker-compose.yml").read_text()
    with pytest.raises(ValueError):
        compose_spec.PyCompose.from_yaml(text.replace("    restart: unless-stopped", "    restrat: no", 1))


@pytest.mark.parametrize("name", SERVICES)
def test_every_variable_given_to_a_service_is_one_of_its_settings(name):
    known = env_names(name)
    for container in (name, f"{name}-migrate"):
        unknown = set(compose().get_service(container).environment) - set(known)
        assert not unknown, f"{container}: {unknown} are not settings of {name}"


@pytest.mark.parametrize("name", SERVICES)
def test_every_setting_without_a_default_is_given_to_serve_and_migrate(name):
    """A new required setting fails here until compose passes it."""
    for container in (name, f"{name}-migrate"):
        environment = compose().get_service(container).environment
        assert required_env(name) <= set(environment), container
        prefix = name.upper() + "_"
        assert environment[prefix + "JWT_JWKS_URL"].startswith("${JWT_JWKS_URL:?")  # never the dev key
        assert prefix + "JWT_DEV_SECRET" not in environment


@pytest.mark.parametrize("name", SERVICES)
def test_each_service_has_its_own_database_server_and_migrates_as_its_owner(name):
    prefix, db = name.upper() + "_", f"{name}-db"
    serve = compose().get_service(name).environment
    migrate = compose().get_service(f"{name}-migrate").environment
    assert serve[prefix + "DATABASE_URL"].startswith(f"postgresql://{name}:${{{prefix}DB_PASSWORD:?")
    assert serve[prefix + "DATABASE_URL"].endswith(f"@{db}:5432/{name}")
    assert migrate[prefix + "MIGRATION_DATABASE_URL"].startswith(
        f"postgresql://{name}_owner:${{{prefix}DB_OWNER_PASSWORD:?"
    )
    assert prefix + "MIGRATION_DATABASE_URL" not in serve  # `serve` never holds the owner's password
    assert compose().get_service(db).environment["SERVICES"] == name
    assert compose().get_service(f"{name}-migrate").command == ["python", "-m", name, "migrate"]
    assert compose().get_service(name).command == ["python", "-m", name, "serve"]


@pytest.mark.parametrize("name", SERVICES)
def test_a_service_starts_only_after_its_database_migrations_and_topics(name):
    conditions = {d: c.condition.value for d, c in compose().get_service(name).depends_on.items()}
    assert conditions == {
        "kafka": "service_healthy",
        "kafka-init": "service_completed_successfully",
        f"{name}-db": "service_healthy",
        f"{name}-migrate": "service_completed_successfully",
    }
    environment = compose().get_service(name).environment
    assert environment[name.upper() + "_CREATE_TOPICS"] == "false"  # kafka-init creates them as declared


def test_kafka_keeps_its_data_on_the_volume_under_a_fixed_cluster_id():
    kafka = compose().get_service("kafka")
    log_dirs = kafka.environment["KAFKA_LOG_DIRS"]
    mounts = {str(v).split(":")[1]: str(v).split(":")[0] for v in kafka.volumes}
    assert mounts.get(log_dirs) == "kafka-data" and "kafka-data" in compose().volumes
    assert kafka.environment["CLUSTER_ID"].startswith("${KAFKA_CLUSTER_ID:?")


def test_kafka_has_an_authenticated_encrypted_listener_for_city_systems():
    env = compose().get_service("kafka").environment
    protocols = dict(p.split(":") for p in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(","))
    assert (
        protocols["EXTERNAL"] == "SASL_SSL"
        and "EXTERNAL://${KAFKA_EXTERNAL_HOST:?" in env["KAFKA_ADVERTISED_LISTENERS"]
    )
    assert env["KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"] == "false"
    published = [str(p) for p in compose().get_service("kafka").ports]
    assert published == ["9094:9094"]  # the external listener only; INTERNAL stays on the compose network


def test_the_kafka_health_check_starts_no_jvm_and_the_heap_fits_the_limit():
    kafka = compose().get_service("kafka")
    assert not any("kafka-" in part and part.endswith(".sh") for part in kafka.healthcheck.test)
    heap = re.search(r"-Xmx(\d+)m", kafka.environment["KAFKA_HEAP_OPTS"])
    limit = _megabytes(kafka.deploy.resources.limits.memory)
    assert heap and int(heap[1]) <= limit * 3 // 4  # room for metaspace, page cache, threads


@pytest.mark.parametrize("name", long_running())
def test_every_long_running_container_has_a_health_check_with_a_start_period(name):
    check = compose().get_service(name).healthcheck
    if name in UNPROBED:
        assert check.disable
    else:
        assert check.test and check.start_period, name


@pytest.mark.parametrize("name", list(compose().services))
def test_every_container_has_cpu_and_memory_limits(name):
    limits = compose().get_service(name).deploy.resources.limits
    assert limits.cpus and _megabytes(limits.memory) > 0


@pytest.mark.parametrize("name", list(compose().services))
def test_every_image_is_pinned(name):
    service = compose().get_service(name)
    if service.build is not None:
        assert service.build.dockerfile == f"services/{name.removesuffix('-migrate')}/Dockerfile"
        return
    image = str(service.image)
    if name in DATA_STORES or name == "kafka-init":
        assert re.search(r"@sha256:[0-9a-f]{64}$", image), name  # stores: exactly the bits we tested
    else:
        assert re.search(r":v?\d+\.\d+(\.\d+)?(-\w+)?$", image), name  # at least a full version tag


@pytest.mark.parametrize("name", SERVICES)
def test_services_run_as_non_root_on_a_read_only_root_filesystem(name):
    for container in (name, f"{name}-migrate"):
        service = compose().get_service(container)
        assert service.read_only and service.user == "10001:10001"
        assert service.cap_drop


@pytest.mark.parametrize("name", SERVICES)
def test_only_the_proxy_publishes_the_apis_and_metrics_stay_inside(name):
    assert not compose().get_service(name).ports
    assert compose().get_service(name).environment[name.upper() + "_METRICS_PORT"] == "9000"


def test_the_proxy_serves_every_service_and_its_docs_under_one_origin():
    conf = (ROOT / "deploy/proxy/nginx.conf").read_text()
    for name in SERVICES:
        block = re.search(rf"location /api/{name}/ \{{(.*?)\}}", conf, re.S)
        assert block, name
        assert f"proxy_pass http://{name}:8000/;" in block[1]
        assert f"'/api/{name}/openapi.json'" in block[1]
    assert [str(p).split(":")[-1] for p in compose().get_service("proxy").ports] == ["8080"]


def test_traces_go_through_the_collector_to_jaeger_and_prometheus_scrapes_every_service():
    collector = (ROOT / "deploy/observability/otel-collector.yaml").read_text()
    assert "endpoint: jaeger:4317" in collector and "0.0.0.0:4318" in collector
    prometheus = (ROOT / "deploy/observability/prometheus.yaml").read_text()
    for name in SERVICES:
        assert f'"{name}:9000"' in prometheus
        assert "OTEL_EXPORTER_OTLP_ENDPOINT" in compose().get_service(name).environment
    for name in ("otel-collector", "jaeger", "prometheus"):
        assert compose().get_service(name).profiles == {"observability"}


def test_no_secret_falls_back_to_a_default_when_env_is_missing():
    for name, operator, message in interpolations():
        if name not in OPTIONAL:
            assert operator == ":?" and message.strip(), name


def test_every_variable_is_documented_in_the_env_example():
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*(\w+)=", example, flags=re.MULTILINE))
    assert {name for name, _, _ in interpolations()} - {"VERSION"} <= documented


def test_cors_origins_are_a_json_list_as_written_in_the_env_example_and_readme():
    value = re.search(r"^CORS_ORIGINS=(.*)$", (ROOT / ".env.example").read_text(), re.M)[1]
    assert isinstance(json.loads(value), list)
    accepted = SETTINGS["content"](database_url="postgresql://x@h/x", cors_origins=json.loads(value))
    assert accepted.cors_origins == json.loads(value)
    assert "JSON list" in (ROOT / "deploy/README.md").read_text()


def test_a_bare_cors_origin_is_refused_at_start_up(monkeypatch):
    """Why the rule is written down: pydantic-settings parses list settings from the environment as JSON."""
    monkeypatch.setenv("CONTENT_CORS_ORIGINS", "https://hoc.hanoi.gov.vn")
    with pytest.raises((InvalidSettings, ValueError)):
        SETTINGS["content"](database_url="postgresql://x@h/x")


def _megabytes(memory: object) -> int:
    number, unit = re.fullmatch(r"(\d+)\s*([kmg]?)b?", str(memory).lower()).groups()
    return int(number) * {"k": 1, "m": 1, "g": 1024, "": 1}[unit] // (1024 if unit == "k" else 1)
