"""The Kustomize base's manifests of one service: its workload, its one-shot migration, its network rules.

Every service has the same shape, so they are written from one function rather than four copies.
"""

from typing import Any

from images import image

Manifest = dict[str, Any]
UID = 10001
HTTP, METRICS = 8000, 9000
KAFKA_CLUSTER = "learningcity"  # the Strimzi Kafka resource (deploy/k8s/platform/kafka/kafka.yaml)
PLATFORM = "learningcity-platform"  # ConfigMap of the values every service shares (set per overlay)


def service_manifests(name: str) -> list[Manifest]:
    """ServiceAccount, ConfigMap, Deployment, Service, PDB, HPA, NetworkPolicy and migration Job of `name`."""
    return [
        {
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": _meta(name),
            "automountServiceAccountToken": False,
        },
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": _meta(f"{name}-config", name),
            "data": config(name),
        },
        deployment(name),
        _service(name),
        _pdb(name),
        _hpa(name),
        network_policy(name),
        migration_job(name),
    ]


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


def _meta(name: str, app: str | None = None, component: str = "api") -> dict[str, Any]:
    return {
        "name": name,
        "labels": {"app.kubernetes.io/name": app or name, "app.kubernetes.io/component": component},
    }


def _selector(name: str, component: str = "api") -> dict[str, str]:
    return {"app.kubernetes.io/name": name, "app.kubernetes.io/component": component}


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
        "metadata": _meta(name),
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": _selector(name)},
            "template": {"metadata": {"labels": _selector(name)}, "spec": pod},
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
    selector = _selector(name, "migrate")
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": _meta(f"{name}-migrate", name, "migrate"),
        "spec": {
            "backoffLimit": 6,
            "ttlSecondsAfterFinished": 300,
            "template": {"metadata": {"labels": selector}, "spec": pod},
        },
    }


def _service(name: str) -> Manifest:
    ports = [
        {"name": "http", "port": 80, "targetPort": "http"},
        {"name": "metrics", "port": METRICS, "targetPort": "metrics"},
    ]
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": _meta(name),
        "spec": {"selector": _selector(name), "ports": ports},
    }


def _pdb(name: str) -> Manifest:
    spec = {"minAvailable": 1, "selector": {"matchLabels": _selector(name)}}
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": _meta(name), "spec": spec}


def _hpa(name: str) -> Manifest:
    cpu = {
        "type": "Resource",
        "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}},
    }
    spec = {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
        "minReplicas": 2,
        "maxReplicas": 6,
        "metrics": [cpu],
    }
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": _meta(name),
        "spec": spec,
    }


def network_policy(name: str) -> Manifest:
    """In: the ingress controller (API), Prometheus (metrics; namespace observability). Out: Kafka, its own
    database, the collector, DNS, and HTTPS for the identity provider's JWKS (no token checks without it)."""
    kafka = {
        "podSelector": {"matchLabels": {"strimzi.io/cluster": KAFKA_CLUSTER, "strimzi.io/kind": "Kafka"}}
    }
    database = {"podSelector": {"matchLabels": {"cnpg.io/cluster": f"{name}-db"}}}
    observability = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "observability"}}}
    dns = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}}}
    ingress_nginx = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}
    egress = [
        {"to": [kafka], "ports": [_tcp(9093)]},
        {"to": [database], "ports": [_tcp(5432)]},
        {"to": [observability], "ports": [_tcp(4318)]},
        {"to": [dns], "ports": [_tcp(53), {"protocol": "UDP", "port": 53}]},
        {"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [_tcp(443)]},
    ]
    ingress = [
        {"from": [ingress_nginx], "ports": [_tcp(HTTP)]},
        {"from": [observability], "ports": [_tcp(METRICS)]},
    ]
    spec: dict[str, Any] = {
        "podSelector": {"matchLabels": {"app.kubernetes.io/name": name}},
        "policyTypes": ["Ingress", "Egress"],
    }
    spec |= {"ingress": ingress, "egress": egress}
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": _meta(name),
        "spec": spec,
    }


def _tcp(port: int) -> dict[str, Any]:
    return {"protocol": "TCP", "port": port}


def ingress(services: list[str]) -> Manifest:
    """The one origin: /api/<service>/... to each service with the prefix stripped (ingress-nginx), and the
    event catalogue at /asyncapi.json. The host and TLS are set per overlay."""
    paths = [_path(f"/api/{name}(/|$)(.*)", name) for name in services]
    paths.append(_path("/(asyncapi\\.json)", services[0]))
    annotations = {
        "nginx.ingress.kubernetes.io/use-regex": "true",
        "nginx.ingress.kubernetes.io/rewrite-target": "/$2",
        "nginx.ingress.kubernetes.io/proxy-body-size": "1m",
    }
    metadata = {"name": "learningcity", "annotations": annotations}
    rule = {"host": "learningcity.example.invalid", "http": {"paths": paths}}
    spec = {"ingressClassName": "nginx", "rules": [rule]}
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": metadata, "spec": spec}


def _path(pattern: str, service: str) -> dict[str, Any]:
    backend = {"service": {"name": service, "port": {"name": "http"}}}
    return {"path": pattern, "pathType": "ImplementationSpecific", "backend": backend}


def consumer_lag_autoscaling(name: str) -> Manifest:
    """Prod: also scale a consumer on its group's lag (Strimzi's Kafka Exporter via prometheus-adapter).
    The metric list replaces the base's, so CPU is repeated; more replicas than partitions would idle."""
    cpu = {
        "type": "Resource",
        "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}},
    }
    metric = {"name": "kafka_consumergroup_lag", "selector": {"matchLabels": {"consumergroup": name}}}
    lag = {
        "type": "External",
        "external": {"metric": metric, "target": {"type": "AverageValue", "averageValue": "1000"}},
    }
    spec = {"metrics": [cpu, lag]}
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": name},
        "spec": spec,
    }
