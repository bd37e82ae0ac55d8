"""``vn.hanoi.learningcity.notifications.campaign.started.v1``: a campaign began reaching its audience."""

from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel


class CampaignStartedV1(EventModel):
    """A campaign's schedule came and it began fanning out to its audience segment, in batches.

    Not personal: a campaign and counts only (each message's outcome is on ``notifications.messages``).
    """

    model_config = ConfigDict(
        title="CampaignStartedV1",
        json_schema_extra={
            "examples": [
                {"campaign_id": "3f2e1d0c-9b8a-4765-8432-10fedcba9876", "started_at": "2026-12-01T01:00:00Z"}
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.notifications.campaign.started.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "notifications.campaigns"
    aggregate_field: ClassVar[str] = "campaign_id"

    campaign_id: UUID = Field(description="Id of the campaign; the aggregate id and message key.")
    started_at: AwareDatetime = Field(description="When the fan-out began (RFC 3339, with offset).")
