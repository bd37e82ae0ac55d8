"""Each service's Dockerfile, from the one recipe `deploy/service.Dockerfile.in`: they cannot drift."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy/service.Dockerfile.in"


def image(name: str) -> str:
    """The image repository of a service, as compose tags it and the Kubernetes manifests run it."""
    return f"learningcity/{name}"


def dockerfile_path(name: str) -> Path:
    """Where a service's Dockerfile lives (built with the repository root as context: the lock needs it)."""
    return ROOT / "services" / name / "Dockerfile"


def dockerfile(name: str, header: str) -> str:
    """The recipe with the service's names filled in (`@NAME@` placeholders: Dockerfiles use `${}`)."""
    values = {"HEADER": header, "SERVICE": name, "PREFIX": name.upper(), "IMAGE": image(name)}
    text = TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    assert "@" not in text.replace("@sha256:", ""), "an unknown placeholder is left in the recipe"
    return text
