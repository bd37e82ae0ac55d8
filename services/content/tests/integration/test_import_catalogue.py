"""Bulk import over HTTP: CSV and JSON, a row-by-row report, all or nothing, the same file twice no change."""

import json
import uuid

import pytest

pytestmark = pytest.mark.integration

HEADER = (
    "code,provider,title_vi,title_en,description_vi,theme,delivery_mode,duration_hours,languages,audience\n"
)


def csv_file(tag: str, *, title: str = "Nông nghiệp sạch") -> str:
    teachers = '"[{""rule"": ""teachers_below_standard"", ""level"": ""primary""}]"'
    return (
        HEADER
        + f"{tag}-1,centre-a,{title},Clean farming,Canh tác an toàn,agriculture,blended,12,vi,\n"
        + f"{tag}-2,centre-b,Chuẩn giáo viên,,Nâng chuẩn,teacher_professional_standard,distance,90,"
        + f"vi;en,{teachers}\n"
    )


def code_tag() -> str:
    return "IM" + uuid.uuid4().hex[:6].upper()


async def post(content, body: str | bytes, content_type: str, headers):
    return await content.client.post(
        "/v1/imports/courses", content=body, headers={**headers, "Content-Type": content_type}
    )


async def course_rows(content) -> int:
    return await content.db.fetchval("SELECT count(*) FROM courses")


async def test_a_csv_catalogue_creates_drafts_and_the_same_file_twice_changes_nothing(content, department):
    tag = code_tag()

    first = await post(content, csv_file(tag), "text/csv", department)

    assert first.status_code == 200, first.text
    assert first.json()["created"] == 2 and first.json()["rows"][1] == {
        "row": 2,
        "code": f"{tag}-2",
        "outcome": "created",
    }
    stored = await content.db.fetchrow(
        "SELECT provider, status, draft FROM courses WHERE code = $1", f"{tag}-2"
    )
    draft = json.loads(stored["draft"])
    assert (stored["provider"], stored["status"], draft["languages"]) == ("centre-b", "draft", ["vi", "en"])
    assert draft["audience"] == [{"rule": "teachers_below_standard", "level": "primary"}]
    before = await course_rows(content)

    again = await post(content, csv_file(tag), "text/csv", department)

    assert (again.json()["created"], again.json()["updated"], again.json()["unchanged"]) == (0, 0, 2)
    assert await course_rows(content) == before


async def test_a_changed_row_updates_its_draft(content, department):
    tag = code_tag()
    await post(content, csv_file(tag), "text/csv", department)

    changed = await post(content, csv_file(tag, title="Nông nghiệp hữu cơ"), "text/csv", department)

    assert [r["outcome"] for r in changed.json()["rows"]] == ["updated", "unchanged"]


async def test_a_json_catalogue_with_bad_rows_is_refused_naming_rows_and_fields_and_writes_nothing(
    content, department, new_course_body, problem
):
    good, no_title, bad_domain = new_course_body(), new_course_body(), new_course_body(theme="astrology")
    del no_title["title_vi"]
    before = await course_rows(content)

    response = await post(content, json.dumps([good, no_title, bad_domain]), "application/json", department)

    errors = problem(response, 422)["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(2, "title_vi"), (3, "theme")]
    assert await course_rows(content) == before


async def test_a_duplicate_code_in_the_file_is_refused(content, department, new_course_body, problem):
    body = new_course_body()
    response = await post(content, json.dumps([body, body]), "application/json", department)
    assert problem(response, 422)["errors"] == [
        {"loc": ["body", 2, "code"], "type": "duplicate-in-file", "row": 2, "field": "code"}
    ]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b'{"code": "X"}', "application/json"),
        (b"[]", "application/json"),
        (b"\xff\xfe\x00garbage", "text/csv"),
        (HEADER.encode() + b'"unterminated,quote\n', "text/csv"),
    ],
)
async def test_a_malformed_file_is_a_clear_422_and_writes_nothing(
    content, department, problem, body, content_type
):
    before = await course_rows(content)
    problem(await post(content, body, content_type, department), 422)
    assert await course_rows(content) == before


async def test_a_csv_row_with_extra_cells_is_refused_by_row(content, department, problem):
    tag = code_tag()
    body = csv_file(tag).replace(",agriculture,blended,12,vi,\n", ",agriculture,blended,12,vi,,surplus\n")
    errors = problem(await post(content, body, "text/csv", department), 422)["errors"]
    assert errors == [
        {"loc": ["body", 1, "unexpected"], "type": "extra_forbidden", "row": 1, "field": "unexpected"}
    ]


async def test_a_huge_file_is_413_and_writes_nothing(content, department, problem):
    before = await course_rows(content)
    problem(await post(content, csv_file(code_tag()) * 40, "text/csv", department), 413)
    assert await course_rows(content) == before


async def test_a_file_of_more_rows_than_allowed_is_refused_whole_and_writes_nothing(
    content, department, problem
):
    before = await course_rows(content)
    body = json.dumps([{} for _ in range(1001)])  # small bytes, too many rows: refused before any check

    assert problem(await post(content, body, "application/json", department), 422)["type"].endswith(
        "import-too-long"
    )
    assert await course_rows(content) == before


async def test_only_the_department_imports(content, problem):
    response = await post(content, csv_file(code_tag()), "text/csv", content.token("centre-a", "provider"))
    problem(response, 403)
