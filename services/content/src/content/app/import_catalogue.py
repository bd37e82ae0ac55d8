"""Use case: import a catalogue file of courses, all or nothing, idempotently (same file twice: no change)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from servicekit.ports import Dependencies

from content.app.ports import UnitOfWork
from content.domain.audience import AudienceInvalid
from content.domain.course import Author, Course, CourseStatus, Origin
from content.domain.course_content import CourseContent, CourseInvalid
from content.domain.material import Material, MaterialFile, MaterialInvalid
from content.domain.reference import Reference

Outcome = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True)
class ImportRow:
    """One course of the file (row 1 is the first record)."""

    row: int
    code: str
    provider: str
    content: CourseContent
    origin: Origin | None = None  # a partner city's course
    materials: tuple[MaterialFile, ...] = ()  # a partner's materials of the course, in its order


@dataclass(frozen=True)
class RowError:
    """Why a row was refused: the field (None: the whole row) and a problem code, never the value."""

    row: int
    field: str | None
    problem: str


@dataclass
class ImportReport:
    """What the import did per row, or why nothing was written."""

    outcomes: list[tuple[int, str, Outcome]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


class _Refused(Exception):
    """Raised inside the transaction so that a refused file writes nothing."""


async def import_courses(
    rows: list[ImportRow],
    author: Author,
    uow: UnitOfWork,
    deps: Dependencies,
    ref: Reference,
    unreadable: Sequence[RowError] = (),
) -> ImportReport:
    """Create new courses as drafts, replace changed drafts; any refused row (incl. the `unreadable` ones
    the entrypoint could not parse) leaves everything as it was, and every row is still checked."""
    report = ImportReport(errors=[*unreadable, *_duplicate_codes(rows)])
    duplicates = {error.row for error in report.errors}
    try:
        async with uow:
            for row in (r for r in rows if r.row not in duplicates):
                await _import_row(row, author, uow, deps, ref, report)
            if report.errors:
                raise _Refused
    except _Refused:
        report.outcomes.clear()
        report.errors.sort(key=lambda error: error.row)
    return report


async def _import_row(
    row: ImportRow, author: Author, uow: UnitOfWork, deps: Dependencies, ref: Reference, report: ImportReport
) -> None:
    try:
        existing = await uow.courses.by_code(row.code)
        if existing is None:
            course = Course.create(deps.ids.new_id(), row.code, row.provider, row.content, ref, row.origin)
            await uow.courses.add(course)
            await _add_materials(course, await _missing(course, row, uow), uow, deps)
            report.outcomes.append((row.row, row.code, "created"))
        elif existing.origin != row.origin:  # neither side takes over the other's course
            report.errors.append(RowError(row.row, "code", "taken-by-another-origin"))
        elif _unchanged(existing, row) and not await _missing(existing, row, uow):
            report.outcomes.append((row.row, row.code, "unchanged"))
        elif existing.provider != row.provider or existing.status is CourseStatus.RETIRED:
            report.errors.append(RowError(row.row, "code", "taken-by-another-provider-or-retired"))
        else:
            existing.check_author(author)
            if not _unchanged(existing, row):
                existing.edit(row.content, ref)
                await uow.courses.save(existing)
            await _add_materials(existing, await _missing(existing, row, uow), uow, deps)
            report.outcomes.append((row.row, row.code, "updated"))
    except (CourseInvalid, AudienceInvalid) as refused:
        report.errors.append(RowError(row.row, refused.field, refused.kind))
    except _MaterialRefused as refused:
        report.errors.append(RowError(row.row, refused.field, refused.kind))


class _MaterialRefused(Exception):
    """A row's material broke a material rule; `field` names it as the request does: `materials.0.url`."""

    def __init__(self, index: int, invalid: MaterialInvalid) -> None:
        super().__init__(invalid.kind)
        self.field = f"materials.{index}" + (f".{invalid.field}" if invalid.field else "")
        self.kind = invalid.kind


async def _missing(course: Course, row: ImportRow, uow: UnitOfWork) -> list[tuple[int, MaterialFile]]:
    """The row's materials (with their place in the row) that the course does not have yet, each once."""
    present = {m.file for m in await uow.materials.of_course(course.id)} if row.materials else set()
    missing = []
    for index, file in enumerate(row.materials):
        if file not in present:
            missing.append((index, file))
            present.add(file)
    return missing


async def _add_materials(
    course: Course, files: list[tuple[int, MaterialFile]], uow: UnitOfWork, deps: Dependencies
) -> None:
    """Publish each material, checked as any material is. A file never withdraws one: the department
    may have added its own, and a withdrawal is an editor's decision."""
    for index, file in files:
        try:
            material = Material.attach(deps.ids.new_id(), course, file, deps.clock.now())
        except MaterialInvalid as invalid:
            raise _MaterialRefused(index, invalid) from None
        await uow.materials.add(material)


def _unchanged(course: Course, row: ImportRow) -> bool:
    current = course.draft or course.published
    return course.provider == row.provider and current == row.content


def _duplicate_codes(rows: list[ImportRow]) -> list[RowError]:
    seen: set[str] = set()
    errors = []
    for row in rows:
        if row.code in seen:
            errors.append(RowError(row.row, "code", "duplicate-in-file"))
        seen.add(row.code)
    return errors
