"""What every Kubernetes manifest of a service shares: names, ports, labels and selectors."""

from typing import Any

Manifest = dict[str, Any]
UID = 10001
HTTP, METRICS = 8000, 9000
KAFKA_CLUSTER = "learningcity"  # the Strimzi Kafka resource (deploy/k8s/platform/kafka/kafka.yaml)
PLATFORM = "learningcity-platform"  # ConfigMap of the values every service shares (set per overlay)


def meta(name: str, app: str | None = None, component: str = "api") -> dict[str, Any]:
    """Name and the labels selectors match."""
    return {
        "name": name,
        "labels": {"app.kubernetes.io/name": app or name, "app.kubernetes.io/component": component},
    }


def selector(name: str, component: str = "api") -> dict[str, str]:
    """The labels that pick one component's pods."""
    return {"app.kubernetes.io/name": name, "app.kubernetes.io/component": component}


def tcp(port: int) -> dict[str, Any]:
    """A TCP port of a NetworkPolicy rule."""
    return {"protocol": "TCP", "port": port}
