"""Schema-driven fuzzing of every service's OpenAPI on real Kafka and PostgreSQL: no 5xx, documented answers.

Each example runs with a token of one of the platform's roles (drawn with the case), so every role's path
through the handlers is fuzzed. `FUZZ_EXAMPLES` sets the examples per operation and mode (`make fuzz` and
`make chaos`: many); with `FUZZ_REPORT` set, each service's tally is appended there as a JSON line.
"""

import asyncio
import json
import os
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import strategies as st
from localinfra.service_fixtures import RunningService
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from servicekit.http.problems import PROBLEM_JSON

from tests.security.conftest import SERVICES
from tests.security.operations import platform_roles

pytestmark = [
    pytest.mark.integration,
    # schemathesis's own strategies draw from `random`; hypothesis warns about it on every example
    pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning"),
]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
LOCALITY = "00004"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

Call = Callable[[dict[str, Any]], Any]


@dataclass
class Tally:
    """What one service's fuzzing did: operations, examples sent, and the first failure of each."""

    service: str
    operations: int = 0
    examples: int = 0
    failures: list[str] = field(default_factory=list)


@pytest.mark.parametrize("name", sorted(SERVICES))
async def test_no_operation_answers_a_server_error_or_off_its_documented_schema(name, platform_apps):
    service, app = platform_apps[name]
    roles = sorted(platform_roles([a for _, a in platform_apps.values()]) | {"city-system"})
    tokens = [service.token(str(uuid.uuid4()), role, localities=[LOCALITY]) for role in roles]
    loop = asyncio.get_running_loop()
    tally = Tally(name)
    await asyncio.to_thread(_fuzz, app.openapi(), tokens, _caller(service, loop), tally)
    await asyncio.to_thread(_record, tally)
    assert tally.examples > 0
    assert not tally.failures, "\n".join(tally.failures)


def _record(tally: Tally) -> None:
    """Append the tally to `FUZZ_REPORT` (`chaos/fuzz.py` reads it), when set."""
    if report := os.environ.get("FUZZ_REPORT"):
        with Path(report).open("a") as out:
            out.write(json.dumps(asdict(tally)) + "\n")


def _caller(service: RunningService, loop: asyncio.AbstractEventLoop) -> Call:
    """A blocking call for the fuzzer's thread, run on the test's loop (where the app and its pool live)."""

    def call(kwargs: dict[str, Any]) -> Any:
        request = service.client.request(**kwargs)
        return asyncio.run_coroutine_threadsafe(request, loop).result(timeout=60)

    return call


def _fuzz(spec: dict[str, Any], tokens: list[dict[str, str]], call: Call, tally: Tally) -> None:
    """Each operation in both modes; the first failure of each, as `label mode: reason`, in the tally."""
    for result in schemathesis.openapi.from_dict(spec).get_all_operations():
        operation = result.ok()
        tally.operations += 1
        for mode in GenerationMode:
            try:
                _fuzz_operation(operation, mode, tokens, _counted(call, tally))
            except hypothesis.errors.Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE, operation.label  # no input to get wrong
            except Exception as exc:  # a failed check or a hypothesis error: both are findings
                tally.failures.append(f"{operation.label} [{mode.value}]: {type(exc).__name__}: {exc}")


def _counted(call: Call, tally: Tally) -> Call:
    def counting(kwargs: dict[str, Any]) -> Any:
        tally.examples += 1
        return call(kwargs)

    return counting


def _fuzz_operation(operation: Any, mode: GenerationMode, tokens: list[dict[str, str]], call: Call) -> None:
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode), token=st.sampled_from(tokens))
    @hypothesis.settings(
        max_examples=EXAMPLES,
        derandomize=True,  # a fixed seed: the short run in `make test` is the same every time
        database=None,
        deadline=None,
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    def check(case: Any, token: dict[str, str]) -> None:
        kwargs = case.as_transport_kwargs(base_url="http://service", headers=token)
        response = call(_httpx(kwargs))
        case.validate_response(response, checks=CHECKS)
        if response.status_code >= 400:
            assert response.headers.get("content-type") == PROBLEM_JSON, (response.status_code, response.text)

    check()


def _httpx(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The fuzzer's requests-style arguments as httpx's (raw bodies are `content` there)."""
    kwargs = {k: v for k, v in kwargs.items() if k not in ("cookies", "verify", "allow_redirects")}
    if "data" in kwargs and isinstance(kwargs["data"], bytes | str):
        kwargs["content"] = kwargs.pop("data")
    return kwargs
