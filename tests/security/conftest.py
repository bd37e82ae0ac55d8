"""Security tests: services started with chosen settings, and a JSON log captured from the root logger."""

import io
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AsyncExitStack
from typing import Any

import pytest
import pytest_asyncio
from content.bootstrap import ContentSettings
from content.bootstrap import bootstrap as content_bootstrap
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from enrolment.bootstrap import EnrolmentSettings
from enrolment.bootstrap import bootstrap as enrolment_bootstrap
from fastapi import FastAPI
from localinfra.service_fixtures import RunningService
from notifications.bootstrap import NotificationsSettings
from notifications.bootstrap import bootstrap as notifications_bootstrap
from reporting.bootstrap import ReportingSettings
from reporting.bootstrap import bootstrap as reporting_bootstrap
from servicekit.logs import configure_logging
from servicekit.runtime import Service

SERVICES: dict[str, tuple[type, Callable[[Any], Service]]] = {
    "content": (ContentSettings, content_bootstrap),
    "enrolment": (EnrolmentSettings, enrolment_bootstrap),
    "notifications": (NotificationsSettings, notifications_bootstrap),
    "reporting": (ReportingSettings, reporting_bootstrap),
}


Bootstrap = Callable[[Any], Service]


@pytest.fixture(scope="session")
def with_settings() -> Callable[..., Bootstrap]:
    """`with_settings(bootstrap, **update)`: `bootstrap` on the fixture's settings with `update` applied."""

    def wrap(bootstrap: Bootstrap, **update: Any) -> Bootstrap:
        return lambda settings: bootstrap(settings.model_copy(update=update))

    return wrap


@pytest.fixture(scope="session")
def rsa_public_pem() -> str:
    """A PEM public key (of a throw-away RSA key) for a service configured like production."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem.decode()


@pytest.fixture
def json_log() -> Iterator[Callable[[], str]]:
    """The kit's JSON logging into a buffer at DEBUG; returns a reader of everything written so far."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    buffer = io.StringIO()
    configure_logging("securitytest", "DEBUG", stream=buffer)
    yield buffer.getvalue
    root.handlers[:] = saved_handlers
    root.setLevel(saved_level)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def platform_apps(start_service) -> AsyncIterator[dict[str, tuple[RunningService, FastAPI]]]:
    """The four services started once for a module, each with its app (to read its routes and OpenAPI)."""
    started = {}
    async with AsyncExitStack() as stack:
        for name, (settings_class, bootstrap) in SERVICES.items():
            apps: list[Service] = []
            keep = _keeping(bootstrap, apps)
            running = await stack.enter_async_context(start_service(settings_class, keep))
            started[name] = (running, apps[0].app)
        yield started


def _keeping(bootstrap: Bootstrap, into: list[Service]) -> Bootstrap:
    def boot(settings: Any) -> Service:
        into.append(bootstrap(settings))
        return into[-1]

    return boot
