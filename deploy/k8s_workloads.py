"""A service's workloads: `serve` as a Deployment, `migrate` as a Job, with their settings and secrets."""

from typing import Any

from images import image
from k8s_meta import HTTP, KAFKA_CLUSTER, METRICS, PLATFORM, UID, Manifest, meta, selector


def config(name: str) -> dict[str, str]:
    """Non-secret settings of `name` (each key a setting of its settings class; checked by tests/deploy)."""
    p = name.upper() + "_"
    return {
        f"{p}HTTP_HOST": "0.0.0.0",
        f"{p}HTTP_PORT": str(HTTP),
        f"{p}METRICS_PORT": str(METRICS),
        f"{p}CREATE_TOPICS": "false",  # KafkaTopic resources create them, as contracts declare
        f"{p}KAFKA_BOOTSTRAP": f"{KAFKA_CLUSTER}-kafka-bootstrap:9093",
        f"{p}KAFKA_SECURITY_PROTOCOL": "SSL",  # mTLS: the principal is the KafkaUser of the same name
        f"{p}KAFKA_SSL_CAFILE": "/etc/kafka/ca/ca.crt",
        f"{p}KAFKA_SSL_CERTFILE": "/etc/kafka/user/user.crt",
        f"{p}KAFKA_SSL_KEYFILE": "/etc/kafka/user/user.key",
    }


def _database_url(name: str, role: str, password_variable: str) -> str:
    # CloudNativePG's read-write service; its CA (secret <cluster>-ca) verifies the server's certificate
    return (
        f"postgresql://{role}:$({password_variable})@{name}-db-rw:5432/{name}"
        "?sslmode=verify-full&sslrootcert=/etc/postgres/ca.crt"
    )


def _env(name: str) -> list[dict[str, Any]]:
    """Secrets and shared values; a password is spliced into its URL by Kubernetes' $(VAR) expansion."""
    p = name.upper() + "_"
    shared = {
        f"{p}JWT_JWKS_URL": "jwt-jwks-url",
        f"{p}JWT_ISSUER": "jwt-issuer",
        f"{p}JWT_AUDIENCE": "jwt-audience",
        f"{p}CORS_ORIGINS": "cors-origins",
        "OTEL_EXPORTER_OTLP_ENDPOINT": "otel-exporter-otlp-endpoint",
    }
    return [
        _secret_env("DB_PASSWORD", f"{name}-db-runtime"),
        {"name": f"{p}DATABASE_URL", "value": _database_url(name, name, "DB_PASSWORD")},
        *(
            {"name": k, "valueFrom": {"configMapKeyRef": {"name": PLATFORM, "key": v}}}
            for k, v in shared.items()
        ),
    ]


def _secret_env(variable: str, secret: str) -> dict[str, Any]:
    return {"name": variable, "valueFrom": {"secretKeyRef": {"name": secret, "key": "password"}}}


def _volumes(name: str) -> list[dict[str, Any]]:
    return [
        {"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}},
        {
            "name": "kafka-ca",
            "secret": {"secretName": f"{KAFKA_CLUSTER}-cluster-ca-cert", "items": [_item("ca.crt")]},
        },
        {
            "name": "kafka-user",
            "secret": {"secretName": name, "items": [_item("user.crt"), _item("user.key")]},
        },
        {"name": "postgres-ca", "secret": {"secretName": f"{name}-db-ca", "items": [_item("ca.crt")]}},
    ]


def _item(key: str) -> dict[str, str]:
    return {"key": key, "path": key}


_MOUNTS = [
    {"name": "tmp", "mountPath": "/tmp"},
    {"name": "kafka-ca", "mountPath": "/etc/kafka/ca", "readOnly": True},
    {"name": "kafka-user", "mountPath": "/etc/kafka/user", "readOnly": True},
    {"name": "postgres-ca", "mountPath": "/etc/postgres", "readOnly": True},
]
_CONTAINER_SECURITY = {
    "readOnlyRootFilesystem": True,
    "allowPrivilegeEscalation": False,
    "capabilities": {"drop": ["ALL"]},
}
_POD_SECURITY = {
    "runAsNonRoot": True,
    "runAsUser": UID,
    "runAsGroup": UID,
    "fsGroup": UID,
    "seccompProfile": {"type": "RuntimeDefault"},
}


def _container(name: str, command: list[str], env: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": name,
        "image": image(name),
        "command": command,
        "envFrom": [{"configMapRef": {"name": f"{name}-config"}}],
        "env": env,
        "volumeMounts": _MOUNTS,
        "securityContext": _CONTAINER_SECURITY,
        "resources": {
            "requests": {"cpu": "100m", "memory": "256Mi"},
            "limits": {"cpu": "1", "memory": "512Mi"},
        },
    }


def _probe(path: str, period: int, failures: int) -> dict[str, Any]:
    return {"httpGet": {"path": path, "port": "http"}, "periodSeconds": period, "failureThreshold": failures}


def deployment(name: str) -> Manifest:
    """`serve` as the runtime role; ready when PostgreSQL and Kafka answer (/health/ready)."""
    container = _container(name, ["python", "-m", name, "serve"], _env(name))
    container["ports"] = [
        {"name": "http", "containerPort": HTTP},
        {"name": "metrics", "containerPort": METRICS},
    ]
    container["startupProbe"] = _probe("/health/live", 2, 30)
    container["livenessProbe"] = _probe("/health/live", 10, 3)
    container["readinessProbe"] = _probe("/health/ready", 5, 3)
    pod = {"serviceAccountName": name, "securityContext": _POD_SECURITY, "containers": [container]}
    pod["volumes"] = _volumes(name)
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta(name),
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": selector(name)},
            "template": {"metadata": {"labels": selector(name)}, "spec": pod},
        },
    }


def migration_job(name: str) -> Manifest:
    """`migrate` as the schema's owner; finished Jobs are removed, so each `kubectl apply` runs it again
    (idempotent and locked) before the new Deployment's pods become ready."""
    env = [*_env(name), _secret_env("DB_OWNER_PASSWORD", f"{name}-db-owner")]
    env.append(
        {
            "name": f"{name.upper()}_MIGRATION_DATABASE_URL",
            "value": _database_url(name, f"{name}_owner", "DB_OWNER_PASSWORD"),
        }
    )
    container = _container(name, ["python", "-m", name, "migrate"], env)
    pod: dict[str, Any] = {"serviceAccountName": name, "securityContext": _POD_SECURITY}
    pod["restartPolicy"] = "OnFailure"
    pod |= {"containers": [container], "volumes": _volumes(name)}
    migrate_pods = selector(name, "migrate")
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": meta(f"{name}-migrate", name, "migrate"),
        "spec": {
            "backoffLimit": 6,
            "ttlSecondsAfterFinished": 300,
            "template": {"metadata": {"labels": migrate_pods}, "spec": pod},
        },
    }
