"""Support benefits granted when a place is confirmed (on request or by promotion)."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from enrolment.domain.dimensions import Dimensions
from enrolment.domain.lifecycle import Place, Status
from enrolment.domain.support import SupportGranted, SupportPolicy


@dataclass(frozen=True)
class BenefitGranted:
    """Domain event: a benefit was granted on a confirmed place (the grant, with the place's facts)."""

    grant: SupportGranted
    offering_id: UUID
    course_id: UUID | None
    dimensions: Dimensions


def grant_support(place: Place | None, policy: SupportPolicy, on: date) -> list[SupportGranted]:
    """The benefits the learner's categories bring, once their place is confirmed; announced on the place."""
    if place is None or place.status is not Status.CONFIRMED:
        return []
    a = place.applicant
    grants = policy.grant(a.learner_id, place.id, a.dimensions.support_categories, on)
    place.events.extend(BenefitGranted(g, place.offering_id, place.course_id, a.dimensions) for g in grants)
    return grants
