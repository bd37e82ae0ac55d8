"""Wires the reporting service; nothing connects until the app starts."""

from pathlib import Path

from pydantic_settings import SettingsConfigDict
from servicekit.http.app import create_app
from servicekit.runtime import Service, ServiceRuntime
from servicekit.settings import ServiceSettings

from reporting.adapters.uow import ReportingUnitOfWork
from reporting.entrypoints import events, http

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


class ReportingSettings(ServiceSettings):
    """Settings of the reporting service (env prefix REPORTING_)."""

    model_config = SettingsConfigDict(env_prefix="REPORTING_", extra="ignore", frozen=True)
    service_name: str = "reporting"
    http_port: int = 8004


def bootstrap(settings: ReportingSettings | None = None) -> Service:
    """The reporting service: projections from events and published statistics."""
    settings = settings or ReportingSettings()  # type: ignore[call-arg]
    runtime = ServiceRuntime(
        settings,
        migrations=MIGRATIONS,
        consumers=[events.consumer],
        unit_of_work=ReportingUnitOfWork,
    )
    app = create_app(
        runtime,
        [http.router],
        title="Reporting service",
        description="Statistics and progress evidence of the Hanoi Learning City platform.",
    )
    return Service(runtime, app)
