"""What deploy checks derive from the code: settings classes and their env names, the compose file."""

import re
from functools import cache
from pathlib import Path

import compose_spec
from content.bootstrap import ContentSettings
from enrolment.bootstrap import EnrolmentSettings
from localinfra.platform import SERVICES
from notifications.bootstrap import NotificationsSettings
from pydantic import AliasChoices
from reporting.bootstrap import ReportingSettings
from servicekit.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[2]
SETTINGS: dict[str, type[ServiceSettings]] = {
    "content": ContentSettings,
    "enrolment": EnrolmentSettings,
    "notifications": NotificationsSettings,
    "reporting": ReportingSettings,
}
assert set(SETTINGS) == set(SERVICES), "a new service needs its settings class here"
_INTERPOLATION = re.compile(r"\$\{(\w+)(:?[-?])?([^}]*)\}")


@cache
def compose() -> compose_spec.PyCompose:
    """The root docker-compose.yml, parsed and validated against the Compose Specification."""
    return compose_spec.PyCompose.from_yaml((ROOT / "docker-compose.yml").read_text())


def env_names(service: str) -> dict[str, str]:
    """Environment variable name -> settings field, for every field of `service` (prefixed or aliased)."""
    settings = SETTINGS[service]
    prefix = str(settings.model_config.get("env_prefix", ""))
    names: dict[str, str] = {}
    for field_name, field in settings.model_fields.items():
        alias = field.validation_alias
        choices = alias.choices if isinstance(alias, AliasChoices) else [alias] if alias else []
        for choice in choices or [prefix + field_name]:
            names[str(choice).upper()] = field_name
    return names


def required_env(service: str) -> set[str]:
    """Variables a service cannot start without: its settings fields that have no default."""
    required = {name for name, field in SETTINGS[service].model_fields.items() if field.is_required()}
    return {env for env, field in env_names(service).items() if field in required}


def interpolations() -> list[tuple[str, str, str]]:
    """Each `${NAME<op>message}` in the compose file: (name, operator, message)."""
    return [m.groups("") for m in _INTERPOLATION.finditer((ROOT / "docker-compose.yml").read_text())]


def long_running() -> list[str]:
    """Containers that stay up (one-shots, `restart: "no"`, run once and exit)."""
    return [n for n in compose().services if str(compose().get_service(n).restart or "") != "no"]
