"""The OpenAPI document front-end clients are generated from: stable ids, typed problems, security."""

import re
from collections.abc import Iterator, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from servicekit.http.problems import PROBLEM_JSON, ProblemDetails

READS = frozenset({"GET", "HEAD", "OPTIONS"})
KIT_OPERATIONS = frozenset({"health_live", "health_ready", "event_catalogue"})
"""The kit's own operations: the same fixed ids in every service's document."""
_TITLES = {
    401: "Bearer token missing or not valid",
    403: "The caller may not do this",
    404: "Not found",
    409: "Conflicts with the current state",
    422: "Request refused (invalid input or a domain rule)",
    503: "A dependency is not reachable: retry after Retry-After seconds",
}
# Any operation can also meet the kit's own answers (405, 413, 500): typed too, so no error is `unknown`.
_ANY = {"4XX": "Another client error (e.g. 405, 413)", "5XX": "Another server error"}


class DuplicateOperationId(RuntimeError):
    """Two operations of one service would share an `operationId` (generated clients would clash)."""


def operation_id(route: APIRoute) -> str:
    """`<first tag>_<function name>`: readable, unique per service, and unchanged when other modules add
    routes (FastAPI's own ids repeat the path and method, and change with them)."""
    parts = [str(route.tags[0]) if route.tags else "", route.name]
    return "_".join(w for w in (re.sub(r"[^0-9a-zA-Z]+", "_", p).strip("_").lower() for p in parts) if w)


def refusal_statuses(refusals: Sequence[type[Exception]]) -> frozenset[int]:
    """Every status the mapped refusals (and their subclasses, which inherit the mapping) can answer."""

    def family(kind: type[Exception]) -> Iterator[type[Exception]]:
        yield kind
        for sub in kind.__subclasses__():
            yield from family(sub)

    return frozenset(getattr(k, "status", 422) for r in refusals for k in family(r))


def install_openapi(app: FastAPI, refusals: Sequence[type[Exception]], server_url: str) -> None:
    """Refine the app's generated document once, when first asked for (routes are all included by then)."""
    build, statuses = app.openapi, refusal_statuses(refusals)

    def openapi() -> dict[str, Any]:
        spec = build()
        if getattr(app.state, "openapi_refined", None) is not spec:
            _refine(spec, statuses, server_url)
            app.state.openapi_refined = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


def _refine(spec: dict[str, Any], statuses: frozenset[int], server_url: str) -> None:
    origin = "The platform's one origin (reverse proxy, Ingress)"
    spec["servers"] = [{"url": server_url, "description": origin}]
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = ProblemDetails.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(schemas["Problem"].pop("$defs", {}))
    seen: dict[str, str] = {}
    for path, methods in spec.get("paths", {}).items():
        for method, operation in methods.items():
            _unique(seen, operation["operationId"], f"{method.upper()} {path}")
            operation.setdefault("security", [])  # public: say so, rather than leave it to be guessed
            _declare_problems(operation, _problems(operation, method.upper(), statuses))
    for unused in ("HTTPValidationError", "ValidationError", "ProblemDetails"):
        schemas.pop(unused, None)


def _unique(seen: dict[str, str], operation: str, where: str) -> None:
    if operation in seen:
        raise DuplicateOperationId(f"operationId {operation!r} of {where} is also {seen[operation]}'s")
    seen[operation] = where


def _problems(operation: dict[str, Any], method: str, statuses: frozenset[int]) -> set[int]:
    """The error statuses an operation can answer, from its auth, its inputs and the service's refusals."""
    declared = {int(k) for k in operation["responses"] if k.isdigit() and int(k) >= 400}
    if operation["operationId"] in KIT_OPERATIONS:  # they declare their own (readiness: 503)
        return declared
    problems = declared | {503}  # our own database or broker away: retry after Retry-After
    if operation.get("security"):
        problems |= {401, 403}  # a valid token may still lack the role or the reach
    places = {p.get("in") for p in operation.get("parameters", [])}
    if "path" in places:
        problems.add(404)
    if places or "requestBody" in operation:
        problems.add(422)
    if method not in READS:  # a domain refusal answers a change; reads refuse by the codes above
        problems |= statuses
    return problems


def _declare_problems(operation: dict[str, Any], statuses: set[int]) -> None:
    responses = operation["responses"]
    # FastAPI's declared errors (e.g. its 422) are under application/json: keep only what they say
    said = {k: responses.pop(k)["description"] for k in [k for k in responses if k[0] in "45"]}
    content = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for status in sorted(statuses):
        description = said.get(str(status)) if status != 422 else None  # FastAPI names its 422 oddly
        responses[str(status)] = {
            "description": description or _TITLES.get(status, "Refused"),
            "content": content,
        }
    for key, description in _ANY.items():
        responses[key] = {"description": description, "content": content}
