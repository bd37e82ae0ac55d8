"""Maps content's domain events onto the contract events other services consume."""

from typing import Any

from contracts.event import EventModel
from contracts.events.content import (
    CoursePublishedV1,
    CoursePublishedV2,
    CourseRetiredV1,
    CourseTheme,
    CourseUpdatedV1,
    DeliveryMode,
    MaterialKind,
    MaterialPublishedV1,
    MaterialRetiredV1,
    OfferingCancelledV1,
    OfferingChangedV1,
    OfferingScheduledV1,
)
from contracts.events.content.course_details import CourseOrigin

from content.domain.audience import rule_as_dict
from content.domain.course import CoursePublished, CourseRetired
from content.domain.material import MaterialPublished, MaterialRetired
from content.domain.offering import OfferingAnnounced


def to_contract(event: object) -> list[EventModel]:
    """The contract events announcing one domain event."""
    match event:
        case CoursePublished(version=1):
            return [CoursePublishedV2(**_course(event), published_at=event.at), _course_v1(event)]
        case CoursePublished():
            return [CourseUpdatedV1(**_course(event), updated_at=event.at)]
        case CourseRetired():
            return [CourseRetiredV1(course_id=event.course_id, version=event.version, retired_at=event.at)]
        case MaterialPublished():
            return [_material(event)]
        case MaterialRetired():
            return [
                MaterialRetiredV1(
                    material_id=event.material_id, course_id=event.course_id, retired_at=event.at
                )
            ]
        case OfferingAnnounced(kind="scheduled"):
            return [OfferingScheduledV1(**_offering(event), scheduled_at=event.at)]
        case OfferingAnnounced(kind="changed"):
            return [OfferingChangedV1(**_offering(event), changed_at=event.at)]
        case OfferingAnnounced(kind="cancelled"):
            return [OfferingCancelledV1(**_offering(event), cancelled_at=event.at)]
    raise TypeError(f"no contract event for {type(event).__name__}")


def _course(event: CoursePublished) -> dict[str, Any]:
    c = event.content
    return {
        "course_id": event.course_id,
        "version": event.version,
        "code": event.code,
        "provider": event.provider,
        "title_vi": c.title_vi,
        "title_en": c.title_en,
        "theme": CourseTheme(c.theme),
        "delivery_mode": DeliveryMode(c.delivery_mode),
        "audience": [rule_as_dict(r) for r in c.audience],
        "duration_hours": c.duration_hours,
        "languages": list(c.languages),
        "origin": CourseOrigin(**vars(event.origin)) if event.origin else None,
    }


def _course_v1(event: CoursePublished) -> CoursePublishedV1:
    # Kept beside v2 while enrolment and the e2e test consume v1: seats now belong to offerings.
    c = event.content
    return CoursePublishedV1(
        course_id=event.course_id,
        code=event.code,
        title_vi=c.title_vi,
        title_en=c.title_en or c.title_vi,
        theme=CourseTheme(c.theme),
        delivery_mode=DeliveryMode(c.delivery_mode),
        capacity=None,
        published_at=event.at,
    )


def _material(event: MaterialPublished) -> MaterialPublishedV1:
    f = event.file
    return MaterialPublishedV1(
        material_id=event.material_id,
        course_id=event.course_id,
        kind=MaterialKind(f.kind),
        url=f.url,
        checksum=f.checksum,
        size_bytes=f.size_bytes,
        language=f.language,
        licence=f.licence,
        xapi_activity_id=f.xapi_activity_id,
        published_at=event.at,
    )


def _offering(event: OfferingAnnounced) -> dict[str, Any]:
    d, plan = event.details, event.details.schedule
    return {
        "offering_id": d.offering_id,
        "course_id": d.course_id,
        "revision": d.revision,
        "status": d.status.value,
        "theme": CourseTheme(d.theme),
        "delivery_mode": DeliveryMode(d.delivery_mode),
        "starts_on": plan.starts_on,
        "ends_on": plan.ends_on,
        "capacity": plan.capacity,
        "reserved_seats": plan.reserved_seats,
        "audience": [rule_as_dict(r) for r in d.audience],
        "locality_code": plan.locality_code,
    }
