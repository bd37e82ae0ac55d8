"""Wires the notifications service; nothing connects until the app starts."""

from pathlib import Path

from pydantic_settings import SettingsConfigDict
from servicekit.http.app import create_app
from servicekit.runtime import Service, ServiceRuntime
from servicekit.settings import ServiceSettings

from notifications.adapters.uow import NotificationsUnitOfWork
from notifications.entrypoints import events, http

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


class NotificationsSettings(ServiceSettings):
    """Settings of the notifications service (env prefix NOTIFICATIONS_)."""

    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore", frozen=True)
    service_name: str = "notifications"
    http_port: int = 8003


def bootstrap(settings: NotificationsSettings | None = None) -> Service:
    """The notifications service: messages to learners from enrolment events."""
    settings = settings or NotificationsSettings()  # type: ignore[call-arg]
    runtime = ServiceRuntime(
        settings,
        migrations=MIGRATIONS,
        consumers=[events.consumer],
        unit_of_work=NotificationsUnitOfWork,
    )
    app = create_app(
        runtime,
        [http.router],
        title="Notifications service",
        description="Messages to learners of the Hanoi Learning City platform.",
    )
    return Service(runtime, app)
