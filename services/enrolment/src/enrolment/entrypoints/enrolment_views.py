"""What the enrolment API shows: enrolments, offerings with seats, a learner's dashboard."""

from datetime import date, datetime
from typing import cast
from uuid import UUID

from pydantic import BaseModel, Field

from enrolment.app.place_changes import Outcome
from enrolment.app.ports import OfferingSeats
from enrolment.app.reads import Dashboard
from enrolment.domain.dimensions import SupportCategory
from enrolment.domain.lifecycle import Place, Status
from enrolment.domain.offering import OfferingStatus
from enrolment.domain.support import BenefitKind, SupportGranted


class EnrolmentView(BaseModel):
    """An enrolment: who, on which offering, where it stands."""

    id: UUID
    offering_id: UUID
    course_id: UUID | None
    learner_id: UUID
    status: Status = Field(description="Where the enrolment stands")
    requested_at: datetime
    progress: int = Field(description="Progress in percent")
    outcome: Outcome | None = Field(description="Set when completed")
    certificate_id: str | None

    @classmethod
    def of(cls, p: Place) -> "EnrolmentView":
        """The view of an enrolment."""
        return cls(
            id=p.id,
            offering_id=p.offering_id,
            course_id=p.course_id,
            learner_id=p.applicant.learner_id,
            status=p.status,
            requested_at=p.requested_at,
            progress=p.progress,
            outcome=cast(Outcome | None, p.outcome),  # the domain stores what CompletePlace allowed
            certificate_id=p.certificate_id,
        )


class EnrolmentPage(BaseModel):
    """A page of enrolments; pass `next_cursor` as `cursor` for the next page (null: no more)."""

    items: list[EnrolmentView]
    next_cursor: str | None


class OfferingView(BaseModel):
    """An offering as enrolment sees it: seats left and the waitlist's length."""

    id: UUID
    course_id: UUID | None
    status: OfferingStatus = Field(description="Whether the offering takes enrolments")
    starts_on: date | None
    ends_on: date | None
    capacity: int | None = Field(description="Seats; null means unlimited")
    reserved_seats: int
    seats_left: int | None = Field(description="Seats not taken; null means unlimited")
    waitlisted: int

    @classmethod
    def of(cls, s: OfferingSeats) -> "OfferingView":
        """The view of an offering."""
        o = s.offering
        left = None if o.capacity is None else max(o.capacity - o.confirmed, 0)
        return cls(
            id=o.id,
            course_id=o.course_id,
            status=o.status,
            starts_on=o.starts_on,
            ends_on=o.ends_on,
            capacity=o.capacity,
            reserved_seats=o.reserved,
            seats_left=left,
            waitlisted=s.waitlisted,
        )


class OfferingPage(BaseModel):
    """A page of offerings; pass `next_cursor` as `cursor` for the next page (null: no more)."""

    items: list[OfferingView]
    next_cursor: str | None


class BenefitView(BaseModel):
    """A support benefit granted on an enrolment."""

    enrolment_id: UUID
    category: SupportCategory
    benefit: BenefitKind
    legal_basis: str
    granted_on: date

    @classmethod
    def of(cls, g: SupportGranted) -> "BenefitView":
        """The view of a grant."""
        return cls(
            enrolment_id=g.enrolment_id,
            category=g.category,
            benefit=g.benefit,
            legal_basis=g.legal_basis,
            granted_on=g.granted_on,
        )


class DashboardView(BaseModel):
    """A learner's own dashboard: enrolments with progress, and benefits."""

    enrolments: list[EnrolmentView]
    benefits: list[BenefitView]

    @classmethod
    def of(cls, d: Dashboard) -> "DashboardView":
        """The view of a dashboard."""
        return cls(
            enrolments=[EnrolmentView.of(p) for p in d.enrolments],
            benefits=[BenefitView.of(g) for g in d.benefits],
        )
