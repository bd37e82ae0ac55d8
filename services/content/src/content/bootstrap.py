"""Wires the content service; nothing connects until the app starts."""

from pathlib import Path

from contracts.topics import COURSES
from pydantic_settings import SettingsConfigDict
from servicekit.http.app import create_app
from servicekit.runtime import Service, ServiceRuntime
from servicekit.settings import ServiceSettings

from content.adapters.uow import ContentUnitOfWork
from content.entrypoints import http

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


class ContentSettings(ServiceSettings):
    """Settings of the content service (env prefix CONTENT_)."""

    model_config = SettingsConfigDict(env_prefix="CONTENT_", extra="ignore", frozen=True)
    service_name: str = "content"
    http_port: int = 8001


def bootstrap(settings: ContentSettings | None = None) -> Service:
    """The content service: catalogue API and the courses topic."""
    settings = settings or ContentSettings()  # type: ignore[call-arg]
    runtime = ServiceRuntime(
        settings, migrations=MIGRATIONS, produces=[COURSES], unit_of_work=ContentUnitOfWork
    )
    app = create_app(
        runtime,
        [http.router],
        title="Content service",
        description="The learning-materials catalogue of the Hanoi Learning City platform.",
    )
    return Service(runtime, app)
