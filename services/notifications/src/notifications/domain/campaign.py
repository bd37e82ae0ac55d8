"""Campaigns: a message per language to an audience segment on chosen channels, fanned out in batches."""

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from notifications.domain.contacts import Channel


class CampaignStatus(StrEnum):
    """Where a campaign stands."""

    SCHEDULED = "scheduled"
    RUNNING = "running"
    PAUSED = "paused"
    CANCELLED = "cancelled"
    FINISHED = "finished"


class CampaignRefused(ValueError):
    """A campaign that cannot be made or changed; `field` names the input at fault, if one."""

    status, title, kind = 422, "Campaign refused", "campaign-refused"

    def __init__(self, detail: str, field: str | None = None) -> None:
        super().__init__(detail)
        self.field = field


class CampaignConflict(CampaignRefused):
    """The change does not apply to the campaign as it stands (e.g. resuming a finished one)."""

    status, title, kind = 409, "Campaign cannot change so", "campaign-conflict"


@dataclass(frozen=True)
class Segment:
    """Who a campaign reaches; each criterion given narrows it (an empty list or None: any)."""

    localities: tuple[str, ...] = ()
    sexes: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    ethnic_minority: bool | None = None
    support_categories: tuple[str, ...] = ()
    learner_types: tuple[str, ...] = ()
    not_yet_enrolled: bool = False
    interest_domains: tuple[str, ...] = ()  # course themes the learner asked for a place in

    def is_empty(self) -> bool:
        """True when no criterion is given: the whole city, which a campaign must say on purpose."""
        return self == Segment()


@dataclass(frozen=True)
class CampaignStarted:
    """Domain event: a campaign began fanning out."""

    campaign_id: UUID
    at: datetime


@dataclass(frozen=True)
class CampaignFinished:
    """Domain event: a campaign reached its whole audience (or was cancelled)."""

    campaign_id: UUID
    reached: int
    cancelled: bool
    at: datetime


_NEXT = {
    "pause": ({CampaignStatus.SCHEDULED, CampaignStatus.RUNNING}, CampaignStatus.PAUSED),
    "resume": ({CampaignStatus.PAUSED}, CampaignStatus.RUNNING),
    "cancel": (
        {CampaignStatus.SCHEDULED, CampaignStatus.RUNNING, CampaignStatus.PAUSED},
        CampaignStatus.CANCELLED,
    ),
}


@dataclass(frozen=True)
class Campaign:
    """A campaign and how far its fan-out got."""

    id: UUID
    name: str
    goal: str
    body_vi: str
    body_en: str
    channels: tuple[Channel, ...]
    segment: Segment
    scheduled_at: datetime
    status: CampaignStatus
    created_at: datetime
    fanned_out_to: UUID | None = None
    reached: int = 0
    events: list[CampaignStarted | CampaignFinished] = field(default_factory=list, compare=False, repr=False)

    def changed(self, action: str, now: datetime) -> "Campaign":
        """After pause, resume or cancel; `CampaignConflict` if the action does not apply now."""
        allowed, status = _NEXT[action]
        if self.status not in allowed:
            raise CampaignConflict(f"a {self.status.value} campaign cannot {action}")
        ended: list[CampaignStarted | CampaignFinished] = []
        if status is CampaignStatus.CANCELLED:
            ended.append(CampaignFinished(self.id, self.reached, True, now))
        return replace(self, status=status, events=ended)

    def started(self, now: datetime) -> "Campaign":
        """Running, announced once (a scheduled campaign whose time came)."""
        return replace(self, status=CampaignStatus.RUNNING, events=[CampaignStarted(self.id, now)])

    def advanced(self, last: UUID, count: int) -> "Campaign":
        """After one batch reached `count` more learners, up to `last`."""
        return replace(self, fanned_out_to=last, reached=self.reached + count, events=[])

    def finished(self, now: datetime) -> "Campaign":
        """The whole audience reached."""
        event = CampaignFinished(self.id, self.reached, False, now)
        return replace(self, status=CampaignStatus.FINISHED, events=[event])


def new_campaign(
    campaign_id: UUID,
    name: str,
    goal: str,
    bodies: tuple[str, str],
    channels: tuple[Channel, ...],
    segment: Segment,
    scheduled_at: datetime,
    now: datetime,
) -> Campaign:
    """A scheduled campaign; refused with an empty segment, no channel, or a schedule in the past."""
    if segment.is_empty():
        raise CampaignRefused("the segment has no criterion: say which learners to reach", "segment")
    if not channels:
        raise CampaignRefused("choose at least one channel", "channels")
    if scheduled_at < now:
        raise CampaignRefused("the schedule is in the past", "scheduled_at")
    return Campaign(
        campaign_id, name, goal, *bodies, channels, segment, scheduled_at, CampaignStatus.SCHEDULED, now
    )
