"""HTTP API for administrators: save a template version (checked at save time), read it, preview it."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from servicekit.http.app import unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.http.problems import Problem
from servicekit.ports import Dependencies

from notifications.app.outside_ports import TemplateEngine
from notifications.app.ports import UnitOfWork
from notifications.app.templates import TemplateText, preview, save_template
from notifications.domain.contacts import Channel
from notifications.domain.templates import variables_of

router = APIRouter(prefix="/v1/templates", tags=["templates"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Admin = Annotated[Principal, Depends(require("admin"))]


class TemplateBody(BaseModel):
    """The text of a template (jinja2 syntax, sandboxed; only the kind's declared variables)."""

    subject: str = Field(max_length=200, description="Subject (e-mail) or title (apps)")
    body: str = Field(min_length=1, max_length=5000, description="Body")


class TemplateView(TemplateBody):
    """A saved version of a template."""

    kind: str
    channel: Channel
    language: str
    version: int


class PreviewRequest(TemplateBody):
    """A template to try, and values for some of its variables (the others take sample values)."""

    values: dict[str, str] = Field(default_factory=dict, description="Values by variable name")


class PreviewView(BaseModel):
    """The rendered subject and body."""

    subject: str
    body: str


def _engine(request: Request) -> TemplateEngine:
    engine: TemplateEngine = request.app.state.templates
    return engine


Path = tuple[str, str, str]
_PATH = "/{kind}/{channel}/{language}"


@router.put(_PATH, status_code=201, summary="Save a new version of a template (422 if it would not render)")
async def put_template(
    kind: str, channel: str, language: str, body: TemplateBody, uow: Uow, _: Admin, request: Request
) -> TemplateView:
    text = TemplateText(kind, channel, language, body.subject, body.body)
    deps: Dependencies = request.app.state.deps
    version = await save_template(text, uow, _engine(request), deps)
    return TemplateView(
        kind=kind, channel=Channel(channel), language=language, version=version, **body.model_dump()
    )


@router.get(_PATH, summary="The newest version of a template")
async def get_template(kind: str, channel: str, language: str, uow: Uow, _: Admin) -> TemplateView:
    variables_of(kind, channel, language)
    async with uow:
        found = await uow.templates.latest(kind, Channel(channel), language)
    if found is None:
        raise Problem(404, "Not found", "no template saved for this kind, channel and language", "not-found")
    return TemplateView(
        kind=kind,
        channel=found.channel,
        language=language,
        version=found.version,
        subject=found.subject,
        body=found.body,
    )


@router.post(_PATH + "/preview", summary="Render a template with sample or given values, without saving")
async def preview_template(
    kind: str, channel: str, language: str, body: PreviewRequest, _: Admin, request: Request
) -> PreviewView:
    text = TemplateText(kind, channel, language, body.subject, body.body)
    subject, rendered = preview(text, body.values, _engine(request))
    return PreviewView(subject=subject, body=rendered)
