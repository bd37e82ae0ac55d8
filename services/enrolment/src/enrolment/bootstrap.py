"""Wires the enrolment service; nothing connects until the app starts."""

from pathlib import Path

from contracts.topics import ENROLMENTS
from pydantic_settings import SettingsConfigDict
from servicekit.bootstrap import ServiceSpec, build_service
from servicekit.ports import Dependencies
from servicekit.runtime import Service
from servicekit.settings import ServiceSettings

from enrolment.adapters.uow import SqlUnitOfWork
from enrolment.domain.enrolment import EnrolmentRefused
from enrolment.entrypoints import events, http


class EnrolmentSettings(ServiceSettings):
    """Settings of the enrolment service (env prefix ENROLMENT_)."""

    model_config = SettingsConfigDict(env_prefix="ENROLMENT_", extra="ignore", frozen=True)
    service_name: str = "enrolment"
    http_port: int = 8002


SPEC = ServiceSpec(
    title="Enrolment service",
    description="Learners' enrolments on the Hanoi Learning City platform's courses.",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
    unit_of_work=SqlUnitOfWork,
    routers=[http.router],
    produces=[ENROLMENTS],
    consumers=events.consumers,
    refusals=[EnrolmentRefused],
)


def bootstrap(settings: EnrolmentSettings | None = None, deps: Dependencies | None = None) -> Service:
    """The enrolment service: enrolment API, open-course projection, enrolments topic."""
    return build_service(SPEC, settings or EnrolmentSettings(), deps)
