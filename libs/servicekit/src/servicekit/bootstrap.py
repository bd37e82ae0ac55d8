"""Builds a service from what is its own: the kit wires runtime, HTTP app, consumers and dependencies."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from contracts.topics import Topic
from fastapi import APIRouter

from servicekit.consumer import EventConsumer
from servicekit.db import UnitOfWork
from servicekit.http.app import create_app
from servicekit.ports import Dependencies
from servicekit.runtime import Service, ServiceRuntime
from servicekit.settings import ServiceSettings


def _no_consumers(_: Dependencies) -> Sequence[EventConsumer]:
    return ()


@dataclass(frozen=True)
class ServiceSpec:
    """Everything that makes one service itself; the rest of the wiring is the kit's."""

    title: str
    description: str
    migrations: Path
    unit_of_work: type[UnitOfWork]
    routers: Sequence[APIRouter] = ()
    produces: Sequence[Topic] = ()
    consumers: Callable[[Dependencies], Sequence[EventConsumer]] = _no_consumers
    refusals: Sequence[type[Exception]] = ()  # bases of the domain refusals, answered as problem+json


def build_service(spec: ServiceSpec, settings: ServiceSettings, deps: Dependencies | None = None) -> Service:
    """The service's runtime and HTTP app; nothing connects until the app starts."""
    deps = deps or Dependencies()
    runtime = ServiceRuntime(
        settings,
        migrations=spec.migrations,
        produces=spec.produces,
        consumers=spec.consumers(deps),
        unit_of_work=spec.unit_of_work,
    )
    app = create_app(
        runtime, spec.routers, title=spec.title, description=spec.description, refusals=spec.refusals
    )
    app.state.deps = deps
    return Service(runtime, app)
