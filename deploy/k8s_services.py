"""The Kustomize base's manifests of one service: its workload, its one-shot migration, its network rules.

Every service has the same shape, so they are written from one function rather than four copies; the
pieces live by responsibility in k8s_workloads, k8s_network and k8s_scaling (shared names in k8s_meta).
"""

from k8s_meta import Manifest, meta
from k8s_network import network_policy, service
from k8s_scaling import hpa, pdb
from k8s_workloads import config, deployment, migration_job


def service_manifests(name: str) -> list[Manifest]:
    """ServiceAccount, ConfigMap, Deployment, Service, PDB, HPA, NetworkPolicy and migration Job of `name`."""
    return [
        {
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": meta(name),
            "automountServiceAccountToken": False,
        },
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": meta(f"{name}-config", name),
            "data": config(name),
        },
        deployment(name),
        service(name),
        pdb(name),
        hpa(name),
        network_policy(name),
        migration_job(name),
    ]
