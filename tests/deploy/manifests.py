"""Renders the Kustomize overlays with the pinned kustomize; validates custom resources against their CRDs."""

import copy
import re
import subprocess
from functools import cache
from typing import Any

import jsonschema
import yaml

from tests.deploy.wiring import ROOT

_PINNED = re.search(r"^KUSTOMIZE_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M)
KUSTOMIZE = ROOT / f".tools/kustomize-{_PINNED[1] if _PINNED else 'unpinned'}"
CRDS = ROOT / "deploy/k8s/crds"
# the oldest Kubernetes minor the platform supports; its schemas ship in kubernetes-validate
KUBERNETES_VERSION = "1.33.0"


@cache
def rendered(overlay: str) -> tuple[dict[str, Any], ...]:
    """`kustomize build deploy/k8s/overlays/<overlay>`, as documents."""
    assert KUSTOMIZE.exists(), f"{KUSTOMIZE.name} is missing: `make tools` builds the pinned version"
    built = subprocess.run(
        [str(KUSTOMIZE), "build", str(ROOT / "deploy/k8s/overlays" / overlay)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return tuple(doc for doc in yaml.load_all(built, Loader=yaml.CSafeLoader) if doc)


def of_kind(overlay: str, kind: str) -> list[dict[str, Any]]:
    """The rendered documents of one kind."""
    return [doc for doc in rendered(overlay) if doc["kind"] == kind]


@cache
def crd_schemas() -> dict[tuple[str, str], dict[str, Any]]:
    """(apiVersion, kind) -> the served version's openAPIV3Schema, closed to unknown fields."""
    schemas = {}
    for path in sorted(CRDS.glob("*.yaml")):
        crd = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)  # libyaml: the CRDs are large
        for version in crd["spec"]["versions"]:
            if version.get("served"):
                key = (f"{crd['spec']['group']}/{version['name']}", crd["spec"]["names"]["kind"])
                schemas[key] = _closed(copy.deepcopy(version["schema"]["openAPIV3Schema"]))
    return schemas


def _closed(schema: dict[str, Any]) -> dict[str, Any]:
    """Refuse unknown fields as `kubectl apply` does with server-side strict validation (the API server
    would otherwise drop them silently), except where the CRD preserves unknown fields."""
    preserves = schema.get("x-kubernetes-preserve-unknown-fields")
    if "properties" in schema and "additionalProperties" not in schema and not preserves:
        schema["additionalProperties"] = False
    for key in ("properties", "patternProperties"):
        for child in schema.get(key, {}).values():
            _closed(child)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            _closed(schema[key])
    for key in ("allOf", "anyOf", "oneOf"):
        for child in schema.get(key, []):
            _closed(child)
    return schema


def validate_custom_resource(doc: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when `doc` breaks its CRD's schema; KeyError for an unknown kind."""
    _validator(doc["apiVersion"], doc["kind"]).validate(doc)


@cache
def _validator(api_version: str, kind: str) -> jsonschema.protocols.Validator:
    """One compiled validator per kind (checking a 400 kB schema on every call would dominate the run)."""
    schema = crd_schemas()[(api_version, kind)]
    return jsonschema.validators.validator_for(schema)(schema)
