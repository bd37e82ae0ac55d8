"""Wires the notifications service; nothing connects until the app starts."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any, cast

from contracts.topics import CAMPAIGNS, MESSAGES
from fastapi import FastAPI
from pydantic_settings import SettingsConfigDict
from servicekit.bootstrap import ServiceSpec, build_service
from servicekit.ports import Dependencies
from servicekit.runtime import Service
from servicekit.settings import ServiceSettings
from servicekit.tasks import cancel_and_wait

from notifications.adapters.channels.wiring import receipt_signatures, sending, unsubscribe_links
from notifications.adapters.template_engine import SandboxedTemplates
from notifications.adapters.uow import SqlUnitOfWork
from notifications.domain.campaign import CampaignRefused
from notifications.domain.preferences import LinkRefused
from notifications.domain.receipts import ReceiptRefused
from notifications.domain.templates import TemplateRefused
from notifications.entrypoints import (
    campaigns_http,
    events,
    http,
    preferences_http,
    receipts_http,
    templates_http,
)
from notifications.entrypoints.reminder_loop import run_reminders
from notifications.entrypoints.sender import run_sender

_GRACE_SECONDS = 10.0  # a stop waits this long for a loop's current cycle (one batch) to end


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
    routers=[
        http.router,
        templates_http.router,
        preferences_http.router,
        campaigns_http.router,
        receipts_http.router,
    ],
    refusals=[TemplateRefused, LinkRefused, CampaignRefused, ReceiptRefused],
    produces=[MESSAGES, CAMPAIGNS],
    consumers=events.consumers,
)


def bootstrap(settings: NotificationsSettings | None = None, deps: Dependencies | None = None) -> Service:
    """The notifications service: messages to learners from enrolment events, sent by a sender loop."""
    settings = settings or NotificationsSettings()
    deps = deps or Dependencies()
    late_window = timedelta(minutes=settings.late_contacts_window_minutes)
    spec = replace(SPEC, consumers=partial(events.consumers, late_window=late_window))
    service = build_service(spec, settings, deps)
    runtime = service.runtime

    def new_uow() -> SqlUnitOfWork:
        return cast(SqlUnitOfWork, runtime.uow())  # built from SPEC.unit_of_work

    def sender(stop: asyncio.Event) -> "asyncio.Task[None]":
        loop = run_sender(new_uow, sending(settings), deps, settings.delivery_poll_seconds, stop)
        return asyncio.create_task(loop, name="notifications-sender")

    def reminders(stop: asyncio.Event) -> "asyncio.Task[None]":
        loop = run_reminders(new_uow, settings.reminder_hour, deps, settings.reminder_poll_seconds, stop)
        return asyncio.create_task(loop, name="notifications-reminders")

    service.app.state.templates = SandboxedTemplates()
    service.app.state.unsubscribe_links = unsubscribe_links(settings)
    service.app.state.receipt_signatures = receipt_signatures(settings)
    _also_run(service.app, sender)
    _also_run(service.app, reminders)
    return service


def _also_run(app: FastAPI, start: Callable[[asyncio.Event], "asyncio.Task[None]"]) -> None:
    """Run a background task for as long as the app's lifespan (the kit's lifespan runs around it); on
    shutdown it is asked to stop after its current cycle, and cancelled only after a grace period."""
    inner: Callable[[Any], AbstractAsyncContextManager[Any]] = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: FastAPI) -> AsyncIterator[Any]:
        async with inner(a) as state:
            stop = asyncio.Event()
            task = start(stop)  # it waits for the pool by itself: a cycle before it is up fails and retries
            try:
                yield state
            finally:
                stop.set()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(task), _GRACE_SECONDS)
                await cancel_and_wait(task, task.get_name())

    app.router.lifespan_context = lifespan
