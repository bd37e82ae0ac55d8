"""Use cases: publish a material on a course, withdraw it, list a published course's materials."""

from dataclasses import dataclass
from uuid import UUID

from servicekit.ports import Dependencies

from content.app.ports import UnitOfWork
from content.domain.course import Author, CourseNotFound
from content.domain.material import Material, MaterialFile, MaterialNotFound


@dataclass(frozen=True)
class AttachMaterial:
    """Command: publish a material on an own course."""

    course_id: UUID
    file: MaterialFile
    author: Author


async def attach_material(cmd: AttachMaterial, uow: UnitOfWork, deps: Dependencies) -> Material:
    """Check and publish the material; material.published leaves through the outbox."""
    async with uow:
        course = await uow.courses.get(cmd.course_id)
        if course is None:
            raise CourseNotFound("no such course")
        course.check_author(cmd.author)
        material = Material.attach(deps.ids.new_id(), course, cmd.file, deps.clock.now())
        await uow.materials.add(material)
    return material


async def retire_material(material_id: UUID, author: Author, uow: UnitOfWork, deps: Dependencies) -> Material:
    """Withdraw a material of an own course."""
    async with uow:
        material = await uow.materials.get(material_id)
        course = await uow.courses.get(material.course_id) if material else None
        if material is None or course is None:
            raise MaterialNotFound("no such material")
        course.check_author(author)
        material.retire(deps.clock.now())
        await uow.materials.save(material)
    return material


async def published_materials(course_id: UUID, uow: UnitOfWork) -> list[Material]:
    """The materials of a published course, for anyone; a draft or retired course is not found."""
    async with uow:
        if await uow.catalogue.published(course_id) is None:
            raise CourseNotFound("no published course with this id")
        return await uow.materials.of_course(course_id)
