"""Content's use cases on in-memory fakes: what is saved, what is announced, what is refused."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from content.app.browse_catalogue import list_published, read_course
from content.app.publish_course import PublishCourse, publish_course
from content.domain.course import CoursePublished, CourseRuleBroken

NOW = datetime(2026, 9, 1, 1, 30, tzinfo=UTC)  # the fixed clock of conftest


def command(code: str = "NN-SH-101", capacity: int | None = 40) -> PublishCourse:
    return PublishCourse(code, "Canh tác lúa", "Rice farming", "agriculture", "in_person", capacity)


async def test_publishes_with_the_injected_id_and_time_and_announces_it_once(uow, deps):
    course = await publish_course(command(), uow, deps)

    assert (course.id, course.published_at) == (UUID(int=1), NOW)
    assert uow.courses.items[course.id] is course
    assert uow.published == [
        CoursePublished(
            UUID(int=1), "NN-SH-101", "Canh tác lúa", "Rice farming", "agriculture", "in_person", 40, NOW
        )
    ]


async def test_a_taken_code_is_refused_and_nothing_is_announced(uow, deps):
    await publish_course(command(), uow, deps)

    with pytest.raises(CourseRuleBroken, match="taken"):
        await publish_course(command(), uow, deps)

    assert len(uow.courses.items) == 1
    assert len(uow.published) == 1


async def test_reads_and_lists_newest_first_without_announcing(uow, deps):
    first = await publish_course(command("A-1"), uow, deps)
    deps.clock.advance(timedelta(minutes=1))
    second = await publish_course(command("A-2"), uow, deps)

    assert await read_course(first.id, uow) is first
    assert [c.code for c in await list_published(10, 0, uow)] == ["A-2", "A-1"]
    assert [c.code for c in await list_published(1, 1, uow)] == ["A-1"]
    assert second.id == UUID(int=2)
    assert len(uow.published) == 2
