"""The access matrix, derived from each running app: every protected operation refuses bad and foreign tokens.

The operations and the roles each admits are read from the app itself (`tests.security.operations`), so an
endpoint added tomorrow is in the matrix without editing this file.
"""

import re
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from localinfra.service_fixtures import RunningService
from servicekit.http.auth import issue_dev_token
from servicekit.http.problems import PROBLEM_JSON

from tests.security.conftest import SERVICES
from tests.security.operations import Operation, operations

pytestmark = pytest.mark.integration

STRANGER = "stranger"
"""A role no operation admits (a token from another application of the same issuer)."""
PLATFORM_ROLES = {
    "admin", "analyst", "centre-staff", "city-system", "content-editor", "district-officer",
    "enrolment-officer", "leader", "learner", "notifications-officer", STRANGER,
}  # fmt: skip


def concrete(path: str) -> str:
    """The path template with every parameter filled by a fresh id."""
    return re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), path)


def bad_tokens(service: RunningService) -> dict[str, dict[str, str]]:
    """Headers every protected operation must answer with 401: none, expired, forged, unsigned, not bearer."""
    settings = service.runtime.settings
    now = datetime.now(UTC)
    claims = {"sub": "x", "roles": sorted(PLATFORM_ROLES), "aud": settings.jwt_audience}
    claims |= {"iss": settings.jwt_issuer, "iat": now, "exp": now + timedelta(minutes=5)}
    forged = jwt.encode(claims, "not-the-key-" + "k" * 32, algorithm="HS256")
    unsigned = jwt.encode(claims, None, algorithm="none")
    expired = issue_dev_token(settings, "x", sorted(PLATFORM_ROLES), hours=-1)
    return {
        "no token": {},
        "expired": {"Authorization": f"Bearer {expired}"},
        "wrong signature": {"Authorization": f"Bearer {forged}"},
        "alg none": {"Authorization": f"Bearer {unsigned}"},
        "not bearer": {"Authorization": f"Basic {forged}"},
    }


async def answer(service: RunningService, op: Operation, headers: dict[str, str]) -> tuple[int, str]:
    """The status and content type of `op` called with `headers` (and an empty body where it takes one)."""
    body = {} if op.method in ("POST", "PUT", "PATCH") else None
    response = await service.client.request(op.method, concrete(op.path), json=body, headers=headers)
    return response.status_code, response.headers.get("content-type", "")


@pytest.mark.parametrize("name", sorted(SERVICES))
async def test_every_protected_operation_refuses_bad_tokens_and_foreign_roles(name, platform_apps):
    service, app = platform_apps[name]
    protected = [op for op in operations(app) if op.roles is not None]
    wrong = []
    for op in protected:
        for kind, headers in bad_tokens(service).items():
            got = await answer(service, op, headers)
            wrong += [(op, kind, got)] if got != (401, PROBLEM_JSON) else []
        for role in sorted(PLATFORM_ROLES - op.roles) if op.roles else []:
            got = await answer(service, op, service.token(str(uuid.uuid4()), role, localities=["00004"]))
            wrong += [(op, role, got)] if got != (403, PROBLEM_JSON) else []
    assert protected, "the matrix found no protected operation: the derivation is broken"
    assert not wrong, "\n".join(f"{op.method} {op.path} with {kind}: {got}" for op, kind, got in wrong)


async def test_a_city_system_reaches_no_staff_operation(platform_apps):
    staff_only = [
        (name, op)
        for name, (_, app) in platform_apps.items()
        for op in operations(app)
        if op.roles and "learner" not in op.roles and "city-system" not in op.roles
    ]
    for name, op in staff_only:
        service = platform_apps[name][0]
        assert await answer(service, op, service.token("city-lms", "city-system")) == (403, PROBLEM_JSON), op
    assert len(staff_only) >= 5


@pytest.mark.parametrize("name", sorted(SERVICES))
async def test_the_document_marks_exactly_the_operations_that_need_a_token(name, platform_apps):
    _, app = platform_apps[name]
    paths = app.openapi()["paths"]
    documented = {(m.upper(), p) for p, ops in paths.items() for m, o in ops.items() if o.get("security")}
    assert documented == {(op.method, op.path) for op in operations(app) if op.roles is not None}
