"""HTTP API for the department's bulk import: a CSV or JSON catalogue, checked row by row, all or nothing."""

import csv
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from servicekit.http.auth import Principal, require
from servicekit.http.problems import Problem

from content.app.import_catalogue import ImportRow, RowError, import_courses
from content.domain.course import Author, Origin
from content.domain.material import MaterialFile
from content.entrypoints.access import Deps, Ref, Uow
from content.entrypoints.course_schema import NewCourseBody
from content.entrypoints.material_api import MaterialBody

router = APIRouter(prefix="/v1/imports", tags=["import"])
MAX_ROWS = 1000
LISTS = ("languages", "learning_outcomes", "accessibility_notes")  # `;`-separated in CSV cells


class PartnerCourseBody(NewCourseBody):
    """A partner city's course: a new course as in a bulk import, plus its id in the partner's catalogue."""

    original_id: str = Field(min_length=1, max_length=200, description="The course's id at the partner")
    materials: list[MaterialBody] = Field(
        [], max_length=50, description="Its materials (as in the feed), each checked as any material is"
    )


class PartnerFile(BaseModel):
    """A partner city's catalogue (e.g. harvested from its feed): where it comes from, and its courses."""

    model_config = ConfigDict(extra="forbid")
    city: str = Field(min_length=1, max_length=200, description="The partner city", examples=["Yeonsu-gu"])
    url: str = Field(
        pattern=r"^https://[^\s@]+$", max_length=2000, description="HTTPS address of its catalogue"
    )
    courses: list[Any] = Field(
        min_length=1, max_length=MAX_ROWS, description="Courses as in a bulk import, each with `original_id`"
    )

    def origin(self, course: PartnerCourseBody) -> Origin:
        """The origin of one of the file's courses."""
        return Origin(self.city, self.url, course.original_id)


class ImportSummary(BaseModel):
    """What an accepted file did, per row (row 1 is the first record)."""

    created: int
    updated: int
    unchanged: int
    rows: list[dict[str, Any]]


@router.post(
    "/courses",
    summary="Import courses from CSV (text/csv) or a JSON array; a bad row refuses the whole file",
    openapi_extra={"requestBody": {"content": {"text/csv": {}, "application/json": {}}, "required": True}},
)
async def import_file(
    request: Request,
    uow: Uow,
    deps: Deps,
    ref: Ref,
    _: Annotated[Principal, Depends(require("admin", "content-editor"))],
) -> ImportSummary:
    records = _records(await request.body(), request.headers.get("content-type", ""))
    return await _import(_rows(records), uow, deps, ref)


@router.post(
    "/partner-courses",
    summary="Import a partner city's courses, marked with their origin; checked as a bulk import",
)
async def import_partner_file(
    body: PartnerFile,
    uow: Uow,
    deps: Deps,
    ref: Ref,
    _: Annotated[Principal, Depends(require("admin", "content-editor"))],
) -> ImportSummary:
    return await _import(_rows(body.courses, body), uow, deps, ref)


async def _import(
    parsed: tuple[list[ImportRow], list[RowError]], uow: Uow, deps: Deps, ref: Ref
) -> ImportSummary:
    rows, errors = parsed
    report = await import_courses(rows, Author(None), uow, deps, ref, errors)
    if report.errors:
        raise _refused(report.errors)
    count = {o: sum(done == o for *_, done in report.outcomes) for o in ("created", "updated", "unchanged")}
    rows_done = [{"row": n, "code": code, "outcome": done} for n, code, done in report.outcomes]
    return ImportSummary(**count, rows=rows_done)


def _records(body: bytes, content_type: str) -> list[Any]:
    try:
        text = body.decode("utf-8-sig")
        if content_type.startswith("text/csv"):
            records: Any = [_from_csv(r) for r in csv.DictReader(io.StringIO(text, newline=""), strict=True)]
        else:
            records = json.loads(text)
    except (UnicodeDecodeError, ValueError, csv.Error) as exc:
        raise Problem(422, "Malformed import file", type(exc).__name__, "import-malformed") from exc
    if not isinstance(records, list) or not records:
        raise Problem(
            422, "Malformed import file", "expected a non-empty list of courses", "import-malformed"
        )
    if len(records) > MAX_ROWS:
        raise Problem(422, "Import file too long", f"at most {MAX_ROWS} courses per file", "import-too-long")
    return records


def _from_csv(record: dict[str | None, Any]) -> dict[str, Any]:
    if None in record:  # more cells than headers: keep it, so the row is refused by name
        record["unexpected"] = record.pop(None)
    cells = {str(k): v for k, v in record.items() if v not in ("", None)}
    for name in LISTS:
        if name in cells:
            cells[name] = [part.strip() for part in cells[name].split(";") if part.strip()]
    if cells.get("duration_hours", "").isdigit():
        cells["duration_hours"] = int(cells["duration_hours"])
    if "audience" in cells:
        cells["audience"] = _json_cell(cells["audience"])
    return cells


def _json_cell(cell: str) -> Any:
    try:
        return json.loads(cell)
    except ValueError:
        return cell  # refused by validation as the wrong type, naming the column


def _rows(records: list[Any], partner: "PartnerFile | None" = None) -> tuple[list[ImportRow], list[RowError]]:
    """Each record checked as a new course (a partner's also needs its `original_id`)."""
    rows, errors = [], []
    for number, record in enumerate(records, start=1):
        try:
            body = (PartnerCourseBody if partner else NewCourseBody).model_validate(record)
        except ValidationError as invalid:
            errors += [
                RowError(number, ".".join(map(str, e["loc"])) or None, e["type"]) for e in invalid.errors()
            ]
            continue
        origin, files = None, tuple[MaterialFile, ...]()
        if partner and isinstance(body, PartnerCourseBody):
            origin, files = partner.origin(body), tuple(m.file() for m in body.materials)
        provider = body.provider or "department"
        rows.append(ImportRow(number, body.code, provider, body.content(), origin, files))
    return rows, errors


def _refused(errors: list[RowError]) -> Problem:
    detail = f"{len({e.row for e in errors})} row(s) refused; nothing was imported"
    # each also a FieldError (`loc`, `type`: the documented problem shape), with the row and field named
    report = [
        {"loc": ["body", e.row, *(e.field.split(".") if e.field else [])], "type": e.problem}
        | {"row": e.row, "field": e.field}
        for e in errors
    ]
    return Problem(422, "Import refused", detail, "import-refused", errors=report)
