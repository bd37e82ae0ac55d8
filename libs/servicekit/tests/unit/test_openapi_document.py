"""The kit's OpenAPI document is one front-end teams can generate typed clients from."""

from typing import Annotated

import pytest
from fastapi import APIRouter, Depends, FastAPI
from pydantic import BaseModel
from servicekit.http.app import create_app
from servicekit.http.auth import Principal, require
from servicekit.http.openapi import DuplicateOperationId
from servicekit.runtime import ServiceRuntime
from servicekit.settings import ServiceSettings

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


class Full(ValueError):
    status, title, kind = 409, "Full", "full"


class Thing(BaseModel):
    name: str


def app_with(*routers: APIRouter) -> FastAPI:
    settings = ServiceSettings(service_name="things", database_url="postgresql://u/db", jwt_dev_secret="k")
    runtime = ServiceRuntime(settings, migrations=None)  # type: ignore[arg-type]
    return create_app(runtime, routers, title="Things", description="d", refusals=[Full])


def things_router(prefix: str = "/v1/things") -> APIRouter:
    router = APIRouter(prefix=prefix, tags=["things"])

    @router.get("")
    async def list_things() -> list[Thing]:
        return []

    @router.post("/{thing_id}/rename")
    async def rename(thing_id: str, body: Thing, _: Annotated[Principal, Depends(require("admin"))]) -> Thing:
        return body

    return router


def operations(app: FastAPI) -> dict[str, dict]:
    spec = app.openapi()
    return {op["operationId"]: op for path in spec["paths"].values() for op in path.values()}


def test_operation_ids_are_the_tag_and_function_name_not_fastapis_path_and_method():
    assert set(operations(app_with(things_router()))) == {
        "things_list_things",
        "things_rename",
        "health_live",
        "health_ready",
        "event_catalogue",
    }


@pytest.mark.filterwarnings("ignore:Duplicate Operation ID")  # FastAPI only warns; the kit refuses
def test_two_routes_with_one_operation_id_stop_the_app_being_built():
    with pytest.raises(DuplicateOperationId):
        app_with(things_router(), things_router("/v2/things"))


def test_errors_are_typed_problem_json_derived_from_auth_inputs_and_refusals():
    ops = operations(app_with(things_router()))
    rename = ops["things_rename"]["responses"]
    assert sorted(k for k in rename if k >= "4") == ["401", "403", "404", "409", "422", "4XX", "503", "5XX"]
    assert all(rename[k]["content"] == PROBLEM for k in rename if k >= "4")
    assert sorted(k for k in ops["things_list_things"]["responses"] if k >= "4") == ["4XX", "503", "5XX"]
    assert ops["health_ready"]["responses"]["503"]["content"] == PROBLEM


def test_public_operations_say_so_and_protected_ones_name_the_bearer_scheme():
    ops = operations(app_with(things_router()))
    assert ops["things_list_things"]["security"] == []
    assert ops["things_rename"]["security"] == [{"bearer": []}]


def test_problem_schema_has_the_rfc_9457_members_and_typed_field_errors():
    spec = app_with(things_router()).openapi()
    problem = spec["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "errors"} <= set(problem["properties"])
    assert spec["components"]["schemas"]["FieldError"]["required"] == ["loc", "type"]
    assert "HTTPValidationError" not in spec["components"]["schemas"]


def test_servers_name_the_services_path_on_the_one_origin():
    assert app_with(things_router()).openapi()["servers"][0]["url"] == "/api/things"


def test_health_answers_are_typed_enums_not_plain_strings():
    schemas = app_with(things_router()).openapi()["components"]["schemas"]
    assert schemas["LiveView"]["properties"]["status"] == {"const": "ok", "title": "Status", "type": "string"}
    checks = schemas["ReadyView"]["properties"]["checks"]["additionalProperties"]
    assert checks["enum"] == ["ok", "connecting", "unavailable"]
