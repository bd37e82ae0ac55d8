"""Use case: fan a due campaign out to its next batch of learners, in one transaction per batch."""

from collections.abc import Callable
from uuid import UUID

from servicekit.ports import Dependencies

from notifications.app.ports import UnitOfWork
from notifications.app.record_message import record_message
from notifications.domain.campaign import Campaign, CampaignStatus
from notifications.domain.message import Message

CAMPAIGN = "campaign"


async def fan_out_once(new_uow: Callable[[], UnitOfWork], batch: int, deps: Dependencies) -> bool:
    """One batch of one due campaign; False when none was due. The batch's messages, their deliveries and
    the campaign's progress commit together: a restart resumes after the last committed batch, and the
    messages' uniqueness per (campaign, learner) means a batch redone after a crash sends nothing twice."""
    async with new_uow() as uow:
        campaign = await uow.campaigns.claim_due(deps.clock.now())
        if campaign is None:
            return False
        if campaign.status is CampaignStatus.SCHEDULED:
            campaign = campaign.started(deps.clock.now())
            await uow.campaigns.save(campaign)
        learners = await uow.audience.next_batch(campaign.segment, campaign.fanned_out_to, batch)
        if not learners:
            await uow.campaigns.save(campaign.finished(deps.clock.now()))
            return True
        for learner in learners:
            await record_message(_message(campaign, learner, deps), uow, deps, only=campaign.channels)
        await uow.campaigns.save(campaign.advanced(learners[-1], len(learners)))
    return True


def _message(campaign: Campaign, learner: UUID, deps: Dependencies) -> Message:
    # The bodies are templates (checked when the campaign was made), rendered per channel at send time.
    subject = {"subject": campaign.name}
    return Message(
        deps.ids.new_id(),
        learner,
        CAMPAIGN,
        campaign.body_vi,
        campaign.body_en,
        deps.clock.now(),
        str(campaign.id),
        variables=subject,
    )
