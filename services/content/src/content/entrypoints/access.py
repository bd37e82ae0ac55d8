"""Who may author what: the department (admin, content-editor) every course, a provider its own."""

from typing import Annotated

from fastapi import Depends, Request
from servicekit.http.app import dependencies, unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.ports import Dependencies

from content.app.ports import UnitOfWork
from content.domain.course import Author
from content.domain.reference import Reference

DEPARTMENT_ROLES = frozenset({"admin", "content-editor"})


async def author(
    principal: Annotated[Principal, Depends(require("admin", "content-editor", "provider"))],
) -> Author:
    """The caller as an author: a provider's token subject is its provider id."""
    return Author(None if principal.roles & DEPARTMENT_ROLES else principal.subject)


def reference(request: Request) -> Reference:
    """The reference data bootstrap loaded."""
    loaded: Reference = request.app.state.reference
    return loaded


Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Deps = Annotated[Dependencies, Depends(dependencies)]
Ref = Annotated[Reference, Depends(reference)]
AuthorOf = Annotated[Author, Depends(author)]
