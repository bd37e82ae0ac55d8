"""``vn.hanoi.learningcity.notifications.campaign.finished.v1``: a campaign ended (done or cancelled)."""

from typing import ClassVar
from uuid import UUID

from pydantic import AwareDatetime, ConfigDict, Field

from contracts.classification import DataCategory, DataClassification
from contracts.event import EventModel


class CampaignFinishedV1(EventModel):
    """A campaign ended: every learner of its segment got the message queued, or staff cancelled it.

    Not personal: a campaign and counts only (each message's outcome is on ``notifications.messages``).
    """

    model_config = ConfigDict(
        title="CampaignFinishedV1",
        json_schema_extra={
            "examples": [
                {
                    "campaign_id": "3f2e1d0c-9b8a-4765-8432-10fedcba9876",
                    "reached": 4210,
                    "cancelled": False,
                    "finished_at": "2026-12-01T01:20:00Z",
                }
            ]
        },
    )

    ce_type: ClassVar[str] = "vn.hanoi.learningcity.notifications.campaign.finished.v1"
    classification: ClassVar[DataClassification] = DataClassification.INTERNAL
    category: ClassVar[DataCategory] = DataCategory.NON_PERSONAL
    topic: ClassVar[str] = "notifications.campaigns"
    aggregate_field: ClassVar[str] = "campaign_id"

    campaign_id: UUID = Field(description="Id of the campaign; the aggregate id and message key.")
    reached: int = Field(ge=0, description="Learners the campaign's message was queued for.")
    cancelled: bool = Field(description="True when staff cancelled the campaign before it finished.")
    finished_at: AwareDatetime = Field(description="When it ended (RFC 3339, with offset).")
