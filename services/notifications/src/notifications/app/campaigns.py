"""Use cases of communication staff: create a campaign (checked), pause, resume or cancel it, read it."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.outside_ports import TemplateEngine
from notifications.app.ports import UnitOfWork
from notifications.app.templates import TemplateText, checked
from notifications.domain.campaign import Campaign, CampaignRefused, Segment, new_campaign
from notifications.domain.contacts import Channel


@dataclass(frozen=True)
class CreateCampaign:
    """Command: a campaign's name, goal, message per language, channels, schedule and segment."""

    name: str
    goal: str
    body_vi: str
    body_en: str
    channels: tuple[Channel, ...]
    segment: Segment
    scheduled_at: datetime


class CampaignNotFound(CampaignRefused):
    """No campaign with that id."""

    status, title, kind = 404, "No such campaign", "campaign-not-found"


async def create_campaign(
    cmd: CreateCampaign, uow: UnitOfWork, engine: TemplateEngine, deps: Dependencies
) -> Campaign:
    """A scheduled campaign; refused when a message would not render, or the segment reaches nobody."""
    for language, body in (("vi", cmd.body_vi), ("en", cmd.body_en)):
        checked(TemplateText("campaign", "email", language, cmd.name, body), engine)
    bodies = (cmd.body_vi, cmd.body_en)
    campaign = new_campaign(
        deps.ids.new_id(),
        cmd.name,
        cmd.goal,
        bodies,
        cmd.channels,
        cmd.segment,
        cmd.scheduled_at,
        deps.clock.now(),
    )
    async with uow:
        if await uow.audience.count(cmd.segment) == 0:
            raise CampaignRefused("the segment matches no learner", "segment")
        await uow.campaigns.add(campaign)
    return campaign


async def change_campaign(campaign_id: UUID, action: str, uow: UnitOfWork, deps: Dependencies) -> Campaign:
    """Pause, resume or cancel; takes effect before the next batch (the fan-out holds the row's lock)."""
    async with uow:
        campaign = await uow.campaigns.get(campaign_id, lock=True)
        if campaign is None:
            raise CampaignNotFound("no such campaign")
        changed = campaign.changed(action, deps.clock.now())
        await uow.campaigns.save(changed)
    return changed


async def campaign(campaign_id: UUID, uow: UnitOfWork) -> Campaign:
    """The campaign; `CampaignNotFound` if there is none."""
    async with uow:
        found = await uow.campaigns.get(campaign_id)
    if found is None:
        raise CampaignNotFound("no such campaign")
    return found
