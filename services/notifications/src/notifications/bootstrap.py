"""Wires the notifications service; nothing connects until the app starts."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any, cast

from contracts.topics import MESSAGES
from fastapi import FastAPI
from pydantic_settings import SettingsConfigDict
from servicekit.bootstrap import ServiceSpec, build_service
from servicekit.ports import Dependencies
from servicekit.runtime import Service
from servicekit.settings import ServiceSettings
from servicekit.tasks import cancel_and_wait

from notifications.adapters.channels.wiring import sending, unsubscribe_links
from notifications.adapters.template_engine import SandboxedTemplates
from notifications.adapters.uow import SqlUnitOfWork
from notifications.domain.preferences import LinkRefused
from notifications.domain.templates import TemplateRefused
from notifications.entrypoints import events, http, preferences_http, templates_http
from notifications.entrypoints.sender import run_sender


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
    routers=[http.router, templates_http.router, preferences_http.router],
    refusals=[TemplateRefused, LinkRefused],
    produces=[MESSAGES],
    consumers=events.consumers,
)


def bootstrap(settings: NotificationsSettings | None = None, deps: Dependencies | None = None) -> Service:
    """The notifications service: messages to learners from enrolment events, sent by a sender loop."""
    settings = settings or NotificationsSettings()
    deps = deps or Dependencies()
    service = build_service(SPEC, settings, deps)
    runtime = service.runtime

    def new_uow() -> SqlUnitOfWork:
        return cast(SqlUnitOfWork, runtime.uow())  # built from SPEC.unit_of_work

    def sender() -> "asyncio.Task[None]":
        loop = run_sender(new_uow, sending(settings), deps, settings.delivery_poll_seconds)
        return asyncio.create_task(loop, name="notifications-sender")

    service.app.state.templates = SandboxedTemplates()
    service.app.state.unsubscribe_links = unsubscribe_links(settings)
    _also_run(service.app, sender)
    return service


def _also_run(app: FastAPI, start: Callable[[], "asyncio.Task[None]"]) -> None:
    """Run a background task for as long as the app's lifespan (the kit's lifespan runs around it)."""
    inner: Callable[[Any], AbstractAsyncContextManager[Any]] = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: FastAPI) -> AsyncIterator[Any]:
        async with inner(a) as state:
            task = start()  # it waits for the pool by itself: a cycle before it is up fails and retries
            try:
                yield state
            finally:
                await cancel_and_wait(task, "notifications sender")

    app.router.lifespan_context = lifespan
