"""HTTP API for communication staff: create a campaign, read its progress, pause, resume or cancel it."""

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from contracts.events.content.course_published_v1 import CourseTheme
from fastapi import APIRouter, Depends, Request
from pydantic import AwareDatetime, BaseModel, Field
from servicekit.http.app import unit_of_work
from servicekit.http.auth import Principal, require
from servicekit.ports import Dependencies

from notifications.app.campaigns import CreateCampaign, campaign, change_campaign, create_campaign
from notifications.app.outside_ports import TemplateEngine
from notifications.app.ports import UnitOfWork
from notifications.domain.campaign import Campaign, CampaignStatus, Segment
from notifications.domain.contacts import Channel

router = APIRouter(prefix="/v1/campaigns", tags=["campaigns"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Staff = Annotated[Principal, Depends(require("communication-officer", "admin"))]
Codes = list[Annotated[str, Field(max_length=40)]]


class SegmentBody(BaseModel):
    """Who to reach; each criterion given narrows the audience. At least one is required."""

    localities: Codes = Field(default_factory=list, max_length=600, description="Locality (commune) codes")
    sexes: Codes = Field(default_factory=list, max_length=4, description="Sexes")
    age_bands: Codes = Field(default_factory=list, max_length=10, description="Age bands, e.g. 25-54")
    ethnic_minority: bool | None = Field(
        None, description="Only (true) or no (false) ethnic-minority learners"
    )
    support_categories: Codes = Field(default_factory=list, max_length=20, description="Support categories")
    learner_types: Codes = Field(default_factory=list, max_length=10, description="Learner types")
    not_yet_enrolled: bool = Field(False, description="Only learners who never enrolled on an offering")
    interest_domains: list[CourseTheme] = Field(
        default_factory=list,
        max_length=len(CourseTheme),
        description="Only learners who asked for a place (confirmed, waitlisted...) on a course of a theme",
    )


class CampaignBody(BaseModel):
    """A campaign: its message per language is a template (only `unsubscribe_url` may be used)."""

    name: str = Field(min_length=1, max_length=120, description="Name; also the message's subject")
    goal: str = Field(min_length=1, max_length=500, description="What the campaign is for")
    body_vi: str = Field(min_length=1, max_length=5000, description="Message in Vietnamese")
    body_en: str = Field(min_length=1, max_length=5000, description="Message in English")
    channels: list[Channel] = Field(min_length=1, max_length=len(Channel), description="Channels to use")
    scheduled_at: AwareDatetime = Field(description="When to start (not in the past)")
    segment: SegmentBody


class CampaignView(BaseModel):
    """A campaign and its progress."""

    id: UUID
    name: str
    goal: str
    channels: list[Channel]
    scheduled_at: datetime
    status: CampaignStatus
    reached: int = Field(description="Learners the message was queued for so far")


def _view(c: Campaign) -> CampaignView:
    return CampaignView(
        id=c.id,
        name=c.name,
        goal=c.goal,
        channels=list(c.channels),
        scheduled_at=c.scheduled_at,
        status=c.status,
        reached=c.reached,
    )


@router.post("", status_code=201, summary="Create a campaign (422: empty segment, past schedule, bad text)")
async def post_campaign(body: CampaignBody, uow: Uow, _: Staff, request: Request) -> CampaignView:
    s = body.segment
    segment = Segment(
        tuple(s.localities),
        tuple(s.sexes),
        tuple(s.age_bands),
        s.ethnic_minority,
        tuple(s.support_categories),
        tuple(s.learner_types),
        s.not_yet_enrolled,
        tuple(t.value for t in s.interest_domains),
    )
    cmd = CreateCampaign(
        body.name,
        body.goal,
        body.body_vi,
        body.body_en,
        tuple(dict.fromkeys(body.channels)),
        segment,
        body.scheduled_at,
    )
    engine: TemplateEngine = request.app.state.templates
    deps: Dependencies = request.app.state.deps
    return _view(await create_campaign(cmd, uow, engine, deps))


@router.get("/{campaign_id}", summary="A campaign and its progress")
async def get_campaign(campaign_id: UUID, uow: Uow, _: Staff) -> CampaignView:
    return _view(await campaign(campaign_id, uow))


@router.post("/{campaign_id}/{action}", summary="Pause, resume or cancel a campaign (409 if it cannot)")
async def act_on_campaign(
    campaign_id: UUID, action: Literal["pause", "resume", "cancel"], uow: Uow, _: Staff, request: Request
) -> CampaignView:
    deps: Dependencies = request.app.state.deps
    return _view(await change_campaign(campaign_id, action, uow, deps))
