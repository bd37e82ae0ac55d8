"""How `serve` configures uvicorn: the event loop and HTTP parser follow HTTP_SPEEDUPS."""

import pytest
from fastapi import FastAPI
from servicekit.httpworkers import uvicorn_config
from servicekit.settings import InvalidSettings, ServiceSettings


def _settings(**changes: object) -> ServiceSettings:
    return ServiceSettings(service_name="shop", database_url="postgresql://x@h/db", **changes)


@pytest.mark.parametrize(
    ("speedups", "loop", "http"), [(True, "uvloop", "httptools"), (False, "asyncio", "h11")]
)
def test_speedups_choose_the_event_loop_and_the_http_parser(speedups: bool, loop: str, http: str) -> None:
    config = uvicorn_config(_settings(http_speedups=speedups), FastAPI())

    assert (config.loop, config.http, config.access_log) == (loop, http, False)


def test_http_workers_are_bounded_and_default_to_one_process() -> None:
    assert _settings().http_workers == 1
    with pytest.raises(InvalidSettings, match="HTTP_WORKERS must be <= 16"):
        _settings(http_workers=17)
