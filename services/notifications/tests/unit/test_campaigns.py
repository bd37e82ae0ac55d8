"""Campaigns: refused without a segment, with a past schedule or bad text; fanned out once per learner."""

from datetime import timedelta
from uuid import UUID, uuid4

import pytest
from notifications.adapters.template_engine import SandboxedTemplates
from notifications.app.campaigns import CreateCampaign, change_campaign, create_campaign
from notifications.app.fan_out import fan_out_once
from notifications.domain.audience import AudienceMember
from notifications.domain.campaign import (
    CampaignConflict,
    CampaignFinished,
    CampaignRefused,
    CampaignStarted,
    Segment,
)
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.templates import TemplateRefused

from .test_use_cases import NOW

ENGINE = SandboxedTemplates()
HOAN_KIEM = Segment(localities=("00070",))


def command(
    segment: Segment = HOAN_KIEM, at=NOW + timedelta(hours=1), body: str = "Học tập suốt đời"
) -> CreateCampaign:
    return CreateCampaign(
        "Tuần lễ học tập", "awareness", body, "Lifelong learning", (Channel.EMAIL,), segment, at
    )


async def learners(uow, count: int, locality: str = "00070") -> list[UUID]:
    ids = sorted(uuid4() for _ in range(count))
    async with uow:
        for learner in ids:
            await uow.audience.save(
                AudienceMember(learner, "female", "25-54", locality, False, frozenset(), "adult", NOW)
            )
            await uow.contacts.save(
                LearnerContacts(
                    learner, f"{learner}@example.vn", None, "vi", frozenset({Channel.EMAIL, Channel.SMS}), NOW
                )
            )
    return ids


@pytest.mark.parametrize(
    ("cmd", "field"),
    [
        (command(Segment()), "segment"),
        (command(at=NOW - timedelta(minutes=1)), "scheduled_at"),
        (command(Segment(localities=("99999",))), "segment"),
    ],
)
async def test_a_campaign_without_criteria_in_the_past_or_reaching_nobody_is_refused(uow, deps, cmd, field):
    await learners(uow, 1)
    with pytest.raises(CampaignRefused) as refused:
        await create_campaign(cmd, uow, ENGINE, deps)
    assert refused.value.field == field and uow.campaigns.items == {}


async def test_a_campaign_message_that_would_not_render_is_refused(uow, deps):
    await learners(uow, 1)
    with pytest.raises(TemplateRefused):
        await create_campaign(command(body="Xin chào {{ full_name }}"), uow, ENGINE, deps)


async def test_it_fans_out_in_batches_once_per_learner_on_its_channels_and_announces_start_and_end(uow, deps):
    reached = await learners(uow, 5)
    await learners(uow, 2, locality="00001")  # outside the segment
    campaign = await create_campaign(command(), uow, ENGINE, deps)
    deps.clock.advance(timedelta(hours=1))

    while await fan_out_once(lambda: uow, 2, deps):
        pass

    messages = [m for m in uow.messages.items.values() if m.source_event_id == str(campaign.id)]
    assert sorted(m.learner_id for m in messages) == reached
    assert {d.channel for d in uow.deliveries.items.values()} == {Channel.EMAIL}  # not SMS, though consented
    started, finished = [e for e in uow.published if isinstance(e, CampaignStarted | CampaignFinished)]
    assert (started.campaign_id, finished.reached, finished.cancelled) == (campaign.id, 5, False)


async def test_a_paused_campaign_stops_and_resumes_where_it_was(uow, deps):
    await learners(uow, 4)
    campaign = await create_campaign(command(), uow, ENGINE, deps)
    deps.clock.advance(timedelta(hours=1))
    await fan_out_once(lambda: uow, 2, deps)
    await fan_out_once(lambda: uow, 2, deps)  # two batches of 2: all reached, not yet finished

    await change_campaign(campaign.id, "pause", uow, deps)
    assert not await fan_out_once(lambda: uow, 2, deps)
    await change_campaign(campaign.id, "resume", uow, deps)
    while await fan_out_once(lambda: uow, 2, deps):
        pass

    assert len(uow.messages.items) == 4 and uow.campaigns.items[campaign.id].status == "finished"
    with pytest.raises(CampaignConflict):
        await change_campaign(campaign.id, "resume", uow, deps)
