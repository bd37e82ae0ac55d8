"""Each service's operations as its running app declares them: path, method and the roles `require` admits."""

import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

ANY_CALLER = frozenset[str]()
"""The roles of an operation open to any authenticated caller."""


@dataclass(frozen=True)
class Operation:
    """One route: its method, its path template, and the roles of its `require` (None: no token needed)."""

    method: str
    path: str
    roles: frozenset[str] | None


def operations(app: FastAPI) -> list[Operation]:
    """Every documented operation of `app`, with the roles read from its dependencies (so new ones count)."""
    found = []
    for route in _routes(app.routes):
        if route.include_in_schema and route.dependant is not None:
            roles = _roles(route.dependant)
            found += [Operation(method, route.path, roles) for method in sorted(route.methods)]
    return found


def _routes(routes: list[Any]) -> Iterator[Any]:
    """API routes, through included routers (FastAPI keeps those as contexts with the same attributes)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "effective_route_contexts"):
            yield from (c for c in route.effective_route_contexts() if isinstance(c.original_route, APIRoute))


def platform_roles(apps: list[FastAPI]) -> frozenset[str]:
    """Every role any operation of these apps admits."""
    return frozenset(role for app in apps for op in operations(app) for role in op.roles or ())


def _roles(dependant: Dependant) -> frozenset[str] | None:
    """The roles of the innermost `require(...)` (the narrowest the route asks for), None if none."""
    found: frozenset[str] | None = None
    for call in _calls(dependant):
        if getattr(call, "__qualname__", "").startswith("require."):
            roles = frozenset(inspect.getclosurevars(call).nonlocals["roles"])
            found = roles if found is None else found & roles if roles and found else roles or found
    return found


def _calls(dependant: Dependant) -> Iterator[object]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)
