"""Domain refusals answer with their own status and problem type; a new subclass never gives a 500."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from servicekit.http.problems import install_problem_handlers


class Refused(ValueError):
    status, title, kind = 422, "Refused", "refused-here"


class Full(Refused):
    status, title, kind = 409, "Full", "full"


class NewRuleNobodyMapped(Full):
    """Added later, without its own status: it answers as its base does."""


def client_raising(exc: Exception) -> TestClient:
    app = FastAPI()
    install_problem_handlers(app, [Refused])

    @app.get("/x")
    async def boom() -> None:
        raise exc

    return TestClient(app, raise_server_exceptions=False)


@pytest.mark.parametrize(
    ("exc", "status", "kind"),
    [
        (Refused("no"), 422, "refused-here"),
        (Full("no room"), 409, "full"),
        (NewRuleNobodyMapped("x"), 409, "full"),
    ],
)
def test_a_refusal_answers_with_the_meaning_its_class_carries(exc, status, kind):
    response = client_raising(exc).get("/x")

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/" + kind)
    assert response.json()["detail"] == str(exc)


def test_an_error_that_is_no_refusal_stays_an_internal_error_without_detail():
    response = client_raising(ValueError("secret detail")).get("/x")

    assert response.status_code == 500
    assert "secret" not in response.text


class Invalid(Refused):
    status, title, kind = 422, "Invalid", "invalid-field"

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def test_a_refusal_that_names_its_field_gives_field_level_errors():
    body = client_raising(Invalid("not a known ward", "locality_code")).get("/x").json()

    assert body["errors"] == [{"loc": ["body", "locality_code"], "type": "invalid-field"}]
