"""Wires the content service; nothing connects until the app starts."""

from pathlib import Path

from contracts.topics import COURSES
from pydantic_settings import SettingsConfigDict
from servicekit.bootstrap import ServiceSpec, build_service
from servicekit.ports import Dependencies
from servicekit.runtime import Service
from servicekit.settings import ServiceSettings

from content.adapters.uow import SqlUnitOfWork
from content.domain.course import CourseRuleBroken
from content.entrypoints import http


class ContentSettings(ServiceSettings):
    """Settings of the content service (env prefix CONTENT_)."""

    model_config = SettingsConfigDict(env_prefix="CONTENT_", extra="ignore", frozen=True)
    service_name: str = "content"
    http_port: int = 8001


SPEC = ServiceSpec(
    title="Content service",
    description="The learning-materials catalogue of the Hanoi Learning City platform.",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
    unit_of_work=SqlUnitOfWork,
    routers=[http.router],
    produces=[COURSES],
    refusals=[CourseRuleBroken],
)


def bootstrap(settings: ContentSettings | None = None, deps: Dependencies | None = None) -> Service:
    """The content service: catalogue API and the courses topic."""
    return build_service(SPEC, settings or ContentSettings(), deps)
