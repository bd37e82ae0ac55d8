"""Content's use cases on in-memory fakes: what is saved, what is announced, what is refused."""

from datetime import date, timedelta
from uuid import UUID

import pytest
from content.app.attach_material import AttachMaterial, attach_material, published_materials, retire_material
from content.app.author_course import (
    ChangeCourseStatus,
    CreateCourse,
    EditCourse,
    create_course,
    edit_course,
    publish_course,
    retire_course,
)
from content.app.browse_catalogue import find_courses, read_published
from content.app.ports import CatalogueQuery
from content.app.schedule_offering import ChangeOffering, ScheduleOffering, change_offering, schedule_offering
from content.domain.course import (
    Author,
    CourseNotFound,
    CoursePublished,
    CourseRetired,
    CourseRuleBroken,
    NotYourCourse,
)
from content.domain.material import MaterialFile, MaterialPublished, MaterialRetired
from content.domain.offering import OfferingAnnounced, OfferingStatus, Schedule

PROVIDER, DEPARTMENT, OTHER = Author("centre"), Author(None), Author("other-centre")
VIDEO = MaterialFile("video", "https://hoctap.example/lua.mp4", "sha256:" + "a" * 64, 1024, "vi", "CC-BY-4.0")


@pytest.fixture
def create(uow, deps, reference, new_content):
    async def create_(code: str = "NN-1", author: Author = PROVIDER, **overrides):
        return await create_course(
            CreateCourse(code, "centre", new_content(**overrides), author), uow, deps, reference
        )

    return create_


@pytest.fixture
def publish(uow, deps):
    """`await publish(course)`: attach a video, then publish the draft."""

    async def publish_(course, author: Author = PROVIDER):
        await attach_material(AttachMaterial(course.id, VIDEO, author), uow, deps)
        return await publish_course(ChangeCourseStatus(course.id, author), uow, deps)

    return publish_


async def test_a_draft_is_saved_with_the_injected_id_and_announces_nothing(create, uow):
    course = await create()

    assert course.id == UUID(int=1) and uow.courses.items[course.id] is course
    assert uow.published == []


async def test_a_provider_cannot_create_for_another_provider(create, uow):
    with pytest.raises(NotYourCourse):
        await create(author=OTHER)
    assert uow.courses.items == {}


async def test_a_taken_code_is_refused(create, uow):
    await create()
    with pytest.raises(CourseRuleBroken, match="taken"):
        await create()
    assert len(uow.courses.items) == 1


async def test_publishing_announces_version_1_and_the_public_sees_it(create, publish, uow):
    course = await create()

    await publish(course)

    assert [type(e) for e in uow.published] == [MaterialPublished, CoursePublished]
    assert (await read_published(course.id, uow)).version == 1


async def test_the_public_never_sees_a_draft_or_a_pending_edit(
    create, publish, uow, deps, reference, new_content
):
    course = await create()
    with pytest.raises(CourseNotFound):
        await read_published(course.id, uow)
    await publish(course)

    await edit_course(EditCourse(course.id, new_content(title_vi="Bản nháp"), PROVIDER), uow, reference)

    assert (await read_published(course.id, uow)).content.title_vi == "Canh tác lúa"


async def test_another_provider_may_not_edit_publish_or_retire_but_the_department_may(
    create, publish, uow, deps, reference
):
    course = await create()
    with pytest.raises(NotYourCourse):
        await edit_course(EditCourse(course.id, course.draft, OTHER), uow, reference)
    with pytest.raises(NotYourCourse):
        await publish_course(ChangeCourseStatus(course.id, OTHER), uow, deps)

    await publish(course, DEPARTMENT)
    assert uow.courses.items[course.id].version == 1


async def test_an_unknown_course_is_not_found(uow, deps):
    with pytest.raises(CourseNotFound):
        await publish_course(ChangeCourseStatus(UUID(int=99), DEPARTMENT), uow, deps)


async def test_retiring_closes_open_offerings_in_the_same_transaction(create, publish, uow, deps, reference):
    course = await create()
    await publish(course)
    plan = Schedule(date(2026, 10, 1), None, 30, 0, "00004")
    open_ = await schedule_offering(ScheduleOffering(course.id, plan, PROVIDER), uow, deps, reference)
    cancelled = await schedule_offering(ScheduleOffering(course.id, plan, PROVIDER), uow, deps, reference)
    await change_offering(ChangeOffering(cancelled.id, None, PROVIDER), uow, deps, reference)
    before = len(uow.published)

    await retire_course(ChangeCourseStatus(course.id, PROVIDER), uow, deps)

    new = uow.published[before:]
    assert isinstance(new[0], CourseRetired)
    assert [(e.kind, e.details.offering_id, e.details.status) for e in new[1:]] == [
        ("changed", open_.id, OfferingStatus.CLOSED)
    ]
    assert uow.offerings.items[cancelled.id].details.status is OfferingStatus.CANCELLED


async def test_offerings_are_scheduled_changed_and_cancelled_with_increasing_revisions(
    create, publish, uow, deps, reference
):
    course = await create()
    await publish(course)
    plan = Schedule(date(2026, 10, 1), None, 30, 0, "00004")

    offering = await schedule_offering(ScheduleOffering(course.id, plan, PROVIDER), uow, deps, reference)
    await change_offering(
        ChangeOffering(offering.id, Schedule(date(2026, 10, 1), None, 40, 0, "00004"), PROVIDER),
        uow,
        deps,
        reference,
    )
    with pytest.raises(NotYourCourse):
        await change_offering(ChangeOffering(offering.id, None, OTHER), uow, deps, reference)
    await change_offering(ChangeOffering(offering.id, None, PROVIDER), uow, deps, reference)

    announced = [e for e in uow.published if isinstance(e, OfferingAnnounced)]
    assert [(e.kind, e.details.revision) for e in announced] == [
        ("scheduled", 1),
        ("changed", 2),
        ("cancelled", 3),
    ]


async def test_the_catalogue_lists_published_courses_newest_first(create, publish, uow, deps):
    first, second, _ = await create("A-1"), await create("A-2"), await create("A-3")
    await publish(first)
    deps.clock.advance(timedelta(minutes=1))
    await publish(second)

    page = await find_courses(CatalogueQuery(limit=10), uow)

    assert [e.code for e in page] == ["A-2", "A-1"]


async def test_a_course_without_a_material_is_not_published(create, uow, deps):
    course = await create()

    with pytest.raises(CourseRuleBroken, match="material"):
        await publish_course(ChangeCourseStatus(course.id, PROVIDER), uow, deps)
    assert uow.published == [] and uow.courses.items[course.id].version == 0


async def test_materials_are_announced_listed_once_published_and_withdrawn_by_their_authors(
    create, publish, uow, deps
):
    course = await create()
    await publish(course)
    [material] = await published_materials(course.id, uow)

    with pytest.raises(NotYourCourse):
        await retire_material(material.id, OTHER, uow, deps)
    await retire_material(material.id, PROVIDER, uow, deps)

    assert await published_materials(course.id, uow) == []
    assert [type(e) for e in uow.published][-1] is MaterialRetired


async def test_materials_of_a_draft_are_not_public(create, uow, deps):
    course = await create()
    await attach_material(AttachMaterial(course.id, VIDEO, PROVIDER), uow, deps)

    with pytest.raises(CourseNotFound):
        await published_materials(course.id, uow)
