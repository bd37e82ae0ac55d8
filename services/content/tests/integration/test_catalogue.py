"""The public catalogue: no login, filters, search with or without diacritics, ranking, refusals."""

import uuid
from datetime import date, timedelta

import pytest

from .catalogue_queries import search, word

pytestmark = pytest.mark.integration


async def test_search_finds_vietnamese_with_or_without_diacritics(content, published_course):
    tag = word()
    course = await published_course(title_vi=f"Nông nghiệp hữu cơ {tag}", title_en=None)

    for text in (f"nong nghiep {tag}", f"nông nghiệp {tag}", f"NONG NGHIEP {tag}", f"huu co {tag}"):
        assert [c["id"] for c in await search(content, q=text)] == [course["id"]], text


async def test_d_with_stroke_is_folded_to_d(content, published_course):
    tag = word()
    course = await published_course(title_vi=f"An toàn điện {tag}")

    assert [c["id"] for c in await search(content, q=f"an toan dien {tag}")] == [course["id"]]


async def test_a_typo_finds_the_course_by_its_titles_similarity_when_full_text_finds_nothing(
    content, published_course
):
    tag = word()
    course = await published_course(title_vi=f"Nông nghiệp hữu cơ {tag}", title_en=None)

    assert [c["id"] for c in await search(content, q=f"nong nghep {tag}")] == [course["id"]]


async def test_a_title_match_ranks_above_a_description_match(content, published_course):
    tag = word()
    in_description = await published_course(title_vi="Khóa học", description_vi=f"Có nhắc đến {tag} một lần")
    in_title = await published_course(title_vi=f"{tag} {tag}", description_vi=f"Toàn bộ về {tag}")

    assert [c["id"] for c in await search(content, q=tag)] == [in_title["id"], in_description["id"]]


@pytest.mark.parametrize(
    "text", ["%", "_", "'; DROP TABLE courses; --", ".*", "(", "\\", "[a-", "a & | ! : * b", "$1", "%%'\""]
)
async def test_search_text_with_sql_or_regex_metacharacters_is_only_text(content, published_course, text):
    await published_course()

    assert await search(content, q=text) == []
    assert await content.db.fetchval("SELECT count(*) FROM courses") > 0


async def test_drafts_and_retired_courses_are_never_listed(
    content, department, published_course, new_course_body
):
    tag = word()
    await content.client.post("/v1/courses", json=new_course_body(title_vi=tag), headers=department)
    retired = await published_course(title_vi=tag)
    await content.client.post(f"/v1/courses/{retired['id']}/retire", headers=department)

    assert await search(content, q=tag) == []


async def test_filters_by_domain_audience_mode_language_locality_and_upcoming(
    content, department, published_course
):
    tag = word()
    teachers = await published_course(
        title_vi=tag,
        theme="teacher_professional_standard",
        delivery_mode="distance",
        languages=["vi", "en"],
        audience=[{"rule": "teachers_below_standard", "level": "primary"}],
    )
    farmers = await published_course(title_vi=tag, theme="agriculture", delivery_mode="in_person")
    soon = (date.today() + timedelta(days=10)).isoformat()
    plan = {"starts_on": soon, "capacity": 20, "locality_code": "00004"}
    await content.client.post(f"/v1/courses/{farmers['id']}/offerings", json=plan, headers=department)

    async def ids(**params) -> list[str]:
        return [c["id"] for c in await search(content, q=tag, **params)]

    assert await ids(theme="teacher_professional_standard") == [teachers["id"]]
    assert await ids(audience="teachers_below_standard:primary") == [teachers["id"]]
    assert await ids(audience="all") == [farmers["id"]]
    assert await ids(delivery_mode="in_person") == [farmers["id"]]
    assert await ids(language="en") == [teachers["id"]]
    assert await ids(locality="00004") == [farmers["id"]]
    assert await ids(locality="00008") == []
    assert await ids(upcoming="true") == [farmers["id"]]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 201},
        {"limit": "many"},
        {"cursor": "not-a-cursor"},
        {"cursor": "W10"},
        {"theme": "astrology"},
        {"locality": "1"},
        {"q": "x" * 201},
    ],
)
async def test_bad_query_parameters_are_422(content, problem, params):
    problem(await content.client.get("/v1/courses", params=params), 422)


async def test_an_unknown_course_is_404_and_a_malformed_id_422(content, problem):
    assert problem(await content.client.get(f"/v1/courses/{uuid.uuid4()}"), 404)["type"].endswith(
        "/not-found"
    )
    problem(await content.client.get("/v1/courses/not-a-uuid"), 422)
