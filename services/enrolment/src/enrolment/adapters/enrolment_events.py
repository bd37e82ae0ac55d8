"""Maps an enrolment's domain events onto the contract events of `enrolment.enrolments`."""

from typing import Any

from contracts.event import EventModel
from contracts.events.enrolment import (
    Benefit,
    EnrolmentCompletedV1,
    EnrolmentConfirmedV2,
    EnrolmentDroppedV1,
    EnrolmentPromotedV1,
    EnrolmentWaitlistedV1,
    EnrolmentWithdrawnV1,
    ProgressRecordedV1,
    SupportGrantedV1,
)
from contracts.events.enrolment.learner_dimensions import LearnerType, Sex, SupportCategory

from enrolment.domain.benefits import BenefitGranted
from enrolment.domain.dimensions import Dimensions
from enrolment.domain.lifecycle import Changed, ProgressRecorded, Status


def dimensions(d: Dimensions) -> dict[str, Any]:
    """The contract's dimension fields."""
    return {
        "sex": Sex(d.sex.value),
        "age_band": d.age_band,
        "locality_code": d.locality_code,
        "ethnic_minority": d.ethnic_minority,
        "support_categories": sorted(SupportCategory(c.value) for c in d.support_categories),
        "learner_type": LearnerType(d.learner_type.value),
    }


def changed(e: Changed) -> list[EventModel]:
    """A state change: one event per place given (confirmed v2 on request, promoted from the waitlist);
    becoming active is told by the progress event alone. Confirmed v1 is retired: nothing emits it."""
    facts = _facts(e.enrolment_id, e.offering_id, e.course_id, e.learner_id, e.dimensions)
    match e.status:
        case Status.CONFIRMED if e.promoted:
            return [EnrolmentPromotedV1(**facts, promoted_at=e.at)]
        case Status.CONFIRMED:
            return [EnrolmentConfirmedV2(**facts, confirmed_at=e.at)]
        case Status.WAITLISTED:
            return [EnrolmentWaitlistedV1(**facts, waitlisted_at=e.at)]
        case Status.WITHDRAWN:
            return [EnrolmentWithdrawnV1(**facts, withdrawn_at=e.at)]
        case Status.DROPPED:
            return [EnrolmentDroppedV1(**facts, dropped_at=e.at)]
        case Status.COMPLETED:
            outcome, certificate = e.outcome or "", e.certificate_id
            return [
                EnrolmentCompletedV1(**facts, completed_at=e.at, outcome=outcome, certificate_id=certificate)
            ]
    return []


def progress(e: ProgressRecorded) -> list[EventModel]:
    """Progress rose."""
    if e.dimensions is None or e.offering_id is None:
        raise TypeError("progress recorded without its enrolment's facts")
    facts = _facts(e.enrolment_id, e.offering_id, e.course_id, e.learner_id, e.dimensions)
    return [ProgressRecordedV1(**facts, percent=e.percent, recorded_at=e.at)]


def granted(e: BenefitGranted) -> list[EventModel]:
    """A benefit granted on a confirmed place."""
    g = e.grant
    facts = _facts(g.enrolment_id, e.offering_id, e.course_id, g.learner_id, e.dimensions)
    return [
        SupportGrantedV1(
            **facts,
            support_category=SupportCategory(g.category.value),
            benefit=Benefit(g.benefit.value),
            legal_basis=g.legal_basis,
            granted_on=g.granted_on,
        )
    ]


def _facts(
    enrolment_id: Any, offering_id: Any, course_id: Any, learner_id: Any, d: Dimensions
) -> dict[str, Any]:
    if course_id is None:
        raise TypeError("an enrolment event needs the offering's course")
    ids = {"enrolment_id": enrolment_id, "offering_id": offering_id, "course_id": course_id}
    return {**ids, "learner_id": learner_id, **dimensions(d)}
