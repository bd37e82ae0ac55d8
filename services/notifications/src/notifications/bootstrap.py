"""Wires the notifications service; nothing connects until the app starts."""

from pathlib import Path

from pydantic_settings import SettingsConfigDict
from servicekit.bootstrap import ServiceSpec, build_service
from servicekit.ports import Dependencies
from servicekit.runtime import Service
from servicekit.settings import ServiceSettings

from notifications.adapters.uow import SqlUnitOfWork
from notifications.entrypoints import events, http


class NotificationsSettings(ServiceSettings):
    """Settings of the notifications service (env prefix NOTIFICATIONS_)."""

    model_config = SettingsConfigDict(env_prefix="NOTIFICATIONS_", extra="ignore", frozen=True)
    service_name: str = "notifications"
    http_port: int = 8003


SPEC = ServiceSpec(
    title="Notifications service",
    description="Messages to learners of the Hanoi Learning City platform.",
    migrations=Path(__file__).resolve().parents[2] / "migrations",
    unit_of_work=SqlUnitOfWork,
    routers=[http.router],
    consumers=events.consumers,
)


def bootstrap(settings: NotificationsSettings | None = None, deps: Dependencies | None = None) -> Service:
    """The notifications service: messages to learners from enrolment events."""
    return build_service(SPEC, settings or NotificationsSettings(), deps)
