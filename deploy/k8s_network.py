"""A service's network: its Service, the NetworkPolicy of what it may reach, and the one Ingress."""

from typing import Any

from k8s_meta import HTTP, KAFKA_CLUSTER, METRICS, Manifest, meta, selector, tcp


def service(name: str) -> Manifest:
    """The API and metrics ports of the Deployment's pods."""
    ports = [
        {"name": "http", "port": 80, "targetPort": "http"},
        {"name": "metrics", "port": METRICS, "targetPort": "metrics"},
    ]
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": meta(name),
        "spec": {"selector": selector(name), "ports": ports},
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
        {"to": [kafka], "ports": [tcp(9093)]},
        {"to": [database], "ports": [tcp(5432)]},
        {"to": [observability], "ports": [tcp(4318)]},
        {"to": [dns], "ports": [tcp(53), {"protocol": "UDP", "port": 53}]},
        {"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [tcp(443)]},
    ]
    ingress = [
        {"from": [ingress_nginx], "ports": [tcp(HTTP)]},
        {"from": [observability], "ports": [tcp(METRICS)]},
    ]
    spec: dict[str, Any] = {
        "podSelector": {"matchLabels": {"app.kubernetes.io/name": name}},
        "policyTypes": ["Ingress", "Egress"],
    }
    spec |= {"ingress": ingress, "egress": egress}
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": meta(name),
        "spec": spec,
    }


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
