"""Wires the reporting service; nothing connects until the app starts."""

from pathlib import Path

from pydantic_settings import SettingsConfigDict
from servicekit.bootstrap import ServiceSpec, build_service
from servicekit.ports import Dependencies
from servicekit.runtime import Service
from servicekit.settings import ServiceSettings

from reporting.adapters.uow import SqlUnitOfWork
from reporting.entrypoints import events, http


class ReportingSettings(ServiceSettings):
    """Settings of the reporting service (env prefix REPORTING_)."""

    model_config = SettingsConfigDict(env_prefix="REPORTING_", extra="ignore", frozen=True)
    service_name: str = "reporting"
    http_port: int = 8004


SPEC = ServiceSpec(
    title="Reporting service",
    description="Statistics and progress evidence of the Hanoi Learning City platform.",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
    unit_of_work=SqlUnitOfWork,
    routers=[http.router],
    consumers=events.consumers,
)


def bootstrap(settings: ReportingSettings | None = None, deps: Dependencies | None = None) -> Service:
    """The reporting service: projections from events and published statistics."""
    return build_service(SPEC, settings or ReportingSettings(), deps)
