"""Importing a catalogue file: all or nothing, row by row report, the same file twice changes nothing."""

from dataclasses import replace

import pytest
from content.app.import_catalogue import ImportRow, RowError, import_courses
from content.domain.course import Author, Origin
from content.domain.material import MaterialFile

DEPARTMENT = Author(None)


@pytest.fixture
def rows(new_content):
    return [
        ImportRow(1, "NN-1", "centre", new_content()),
        ImportRow(2, "SK-2", "centre", new_content(title_vi="Sức khỏe", theme="health")),
    ]


async def test_new_courses_are_created_as_drafts_without_events(rows, uow, deps, reference):
    report = await import_courses(rows, DEPARTMENT, uow, deps, reference)

    assert report.outcomes == [(1, "NN-1", "created"), (2, "SK-2", "created")] and report.errors == []
    assert {c.code for c in uow.courses.items.values()} == {"NN-1", "SK-2"} and uow.published == []


async def test_the_same_file_twice_changes_nothing(rows, uow, deps, reference):
    await import_courses(rows, DEPARTMENT, uow, deps, reference)
    before = dict(uow.courses.items)

    report = await import_courses(rows, DEPARTMENT, uow, deps, reference)

    assert [outcome for *_, outcome in report.outcomes] == ["unchanged", "unchanged"]
    assert uow.courses.items == before


async def test_a_changed_row_replaces_the_draft(rows, uow, deps, reference, new_content):
    await import_courses(rows, DEPARTMENT, uow, deps, reference)
    changed = [
        rows[0],
        ImportRow(2, "SK-2", "centre", new_content(title_vi="Sức khỏe cộng đồng", theme="health")),
    ]

    report = await import_courses(changed, DEPARTMENT, uow, deps, reference)

    assert [outcome for *_, outcome in report.outcomes] == ["unchanged", "updated"]
    [course] = [c for c in uow.courses.items.values() if c.code == "SK-2"]
    assert course.draft.title_vi == "Sức khỏe cộng đồng"


async def test_one_bad_row_writes_nothing_and_names_its_row_and_field(
    rows, uow, deps, reference, new_content
):
    bad = [
        *rows,
        ImportRow(3, "LW-3", "centre", new_content(theme="astrology")),
        ImportRow(4, "NN-1", "x", rows[0].content),
    ]

    report = await import_courses(bad, DEPARTMENT, uow, deps, reference)

    assert report.outcomes == [] and uow.courses.items == {}
    assert report.errors == [RowError(3, "theme", "course-invalid"), RowError(4, "code", "duplicate-in-file")]


VIDEO = MaterialFile("video", "https://p.example/a.mp4", "sha256:" + "a" * 64, 10, "en", "CC-BY-4.0")
ORIGIN = Origin("Yeonsu-gu", "https://p.example/feed", "YS-1")


async def test_a_partner_rows_materials_are_published_once(uow, deps, reference, new_content):
    row = ImportRow(1, "YS-1", "department", new_content(), ORIGIN, (VIDEO, VIDEO))

    await import_courses([row], DEPARTMENT, uow, deps, reference)
    again = await import_courses([row], DEPARTMENT, uow, deps, reference)

    assert [m.file for m in uow.materials.items.values()] == [VIDEO]
    assert again.outcomes == [(1, "YS-1", "unchanged")]


async def test_a_bad_partner_material_names_its_place_and_field(uow, deps, reference, new_content):
    bad = replace(VIDEO, checksum="md5:1")
    row = ImportRow(1, "YS-1", "department", new_content(), ORIGIN, (VIDEO, bad))

    report = await import_courses([row], DEPARTMENT, uow, deps, reference)

    assert report.errors == [RowError(1, "materials.1.checksum", "material-invalid")]
    assert uow.materials.items == {} and uow.courses.items == {}
