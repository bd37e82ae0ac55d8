"""Wires the enrolment service; nothing connects until the app starts."""

from pathlib import Path

from contracts.topics import ENROLMENTS
from pydantic_settings import SettingsConfigDict
from servicekit.http.app import create_app
from servicekit.runtime import Service, ServiceRuntime
from servicekit.settings import ServiceSettings

from enrolment.adapters.uow import EnrolmentUnitOfWork
from enrolment.entrypoints import events, http

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


class EnrolmentSettings(ServiceSettings):
    """Settings of the enrolment service (env prefix ENROLMENT_)."""

    model_config = SettingsConfigDict(env_prefix="ENROLMENT_", extra="ignore", frozen=True)
    service_name: str = "enrolment"
    http_port: int = 8002


def bootstrap(settings: EnrolmentSettings | None = None) -> Service:
    """The enrolment service: enrolment API, open-course projection, enrolments topic."""
    settings = settings or EnrolmentSettings()  # type: ignore[call-arg]
    runtime = ServiceRuntime(
        settings,
        migrations=MIGRATIONS,
        produces=[ENROLMENTS],
        consumers=[events.consumer],
        unit_of_work=EnrolmentUnitOfWork,
    )
    app = create_app(
        runtime,
        [http.router],
        title="Enrolment service",
        description="Learners' enrolments on the Hanoi Learning City platform's courses.",
    )
    return Service(runtime, app)
