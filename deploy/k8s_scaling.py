"""A service's availability and scaling: disruption budget, CPU autoscaler, and prod's lag autoscaler."""

from k8s_meta import Manifest, meta, selector


def pdb(name: str) -> Manifest:
    """At least one pod stays through a voluntary disruption (a node drain)."""
    spec = {"minAvailable": 1, "selector": {"matchLabels": selector(name)}}
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta(name), "spec": spec}


def hpa(name: str) -> Manifest:
    """Two to six replicas on CPU (prod adds consumer lag: `consumer_lag_autoscaling`)."""
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
        "metadata": meta(name),
        "spec": spec,
    }


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
