"""RFC 9457 problem details for every error response."""

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE_BASE = "https://learningcity.hanoi.gov.vn/problems/"
_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


class FieldError(BaseModel):
    """One invalid input: where it is and what kind of problem it has (never the input itself)."""

    loc: list[str | int] = Field(description="Where: `body`, `query`, `path` or `header`, then the field")
    type: str = Field(description="Kind of problem, e.g. `missing`, `string_too_long`, `cursor-invalid`")


class ProblemDetails(BaseModel):
    """RFC 9457 problem details, as every error response of the platform carries them.

    Served as `application/problem+json`. No `instance` member: request paths carry people's ids.
    """

    model_config = ConfigDict(
        title="Problem",
        extra="allow",  # RFC 9457 extension members, e.g. readiness `checks`
        json_schema_extra={
            "examples": [
                {
                    "type": PROBLEM_TYPE_BASE + "validation",
                    "title": "Request is not valid",
                    "status": 422,
                    "detail": "See `errors` for each invalid field.",
                    "errors": [{"loc": ["body", "title"], "type": "missing"}],
                }
            ]
        },
    )

    type: str = Field("about:blank", description="URI of the problem type; its last segment is stable")
    title: str = Field(description="Short summary of the problem type")
    status: int = Field(ge=400, le=599, description="HTTP status code")
    detail: str | None = Field(None, description="Explanation of this occurrence (never personal data)")
    errors: list[FieldError] | None = Field(None, description="Invalid fields (validation problems only)")


class Problem(Exception):
    """Raise from a handler or entrypoint to answer with a problem document."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        kind: str = "",
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(title)
        self.status, self.title, self.detail, self.kind, self.extra = status, title, detail, kind, extra
        self.headers = headers or {}  # e.g. Retry-After on a 429


def problem_response(status: int, title: str, detail: str = "", kind: str = "", **extra: Any) -> JSONResponse:
    """A problem+json response; `kind` becomes the problem type URI.

    No `instance` member: request paths carry the ids of people, which are personal data.
    """
    body = {"type": PROBLEM_TYPE_BASE + kind if kind else "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    return JSONResponse({**body, **extra}, status_code=status, media_type=PROBLEM_JSON)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Only where and what kind: the input, and pydantic's messages that quote it, may be personal data.
    return [{"loc": list(e.get("loc", ())), "type": e.get("type")} for e in exc.errors()]


def _allowed_methods(request: Request) -> str:
    # Starlette names only the methods of the first route whose path matches, but a path has one route per
    # method: ask every route about every method instead (public `matches`, whatever routers nest them).
    routes = request.app.router.routes
    return ", ".join(
        m for m in _METHODS if any(r.matches({**request.scope, "method": m})[0] == Match.FULL for r in routes)
    )


def refusal_response(exc: Exception) -> JSONResponse:
    """A domain refusal as problem+json: the exception class carries its own `status`, `title` and `kind`.

    Subclasses inherit them, so a new refusal without its own values still answers with its base's
    meaning (never a 500). The message is the detail: domain refusals never quote personal data.
    """
    kind = type(exc)
    status = getattr(kind, "status", 422)
    title = getattr(kind, "title", "Request refused")
    problem = getattr(kind, "kind", "refused")
    members: dict[str, Any] = dict(getattr(exc, "members", None) or {})  # extension members it names
    field = getattr(exc, "field", None)  # a refusal that names the input it is about: field-level detail
    if field:
        members["errors"] = [{"loc": ["body", field], "type": problem}]
    return problem_response(status, title, str(exc), problem, **members)


def install_problem_handlers(app: FastAPI, refusals: Sequence[type[Exception]] = ()) -> None:
    """Map every error FastAPI can raise, and the service's domain refusals, onto problem+json."""

    async def _refused(request: Request, exc: Exception) -> JSONResponse:
        return refusal_response(exc)

    for refusal in refusals:
        app.add_exception_handler(refusal, _refused)

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        response = problem_response(exc.status, exc.title, exc.detail, exc.kind, **exc.extra)
        response.headers.update(exc.headers)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = problem_response(exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        if exc.status_code == 405:
            response.headers["Allow"] = _allowed_methods(request)
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(
            422,
            "Request is not valid",
            "See `errors` for each invalid field.",
            "validation",
            errors=_validation_errors(exc),
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return problem_response(500, "Internal error", kind="internal")
