"""The public catalogue: no login, filters, search with or without diacritics, ranking, keyset pages, ETag."""

import asyncio
import uuid
from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.integration


def word() -> str:
    """A made-up word no other test uses, so each test searches only its own courses."""
    return "zq" + uuid.uuid4().hex[:8]


async def search(content, **params) -> list[dict]:
    response = await content.client.get("/v1/courses", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


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


async def test_keyset_pages_cover_every_match_once_best_first(content, published_course):
    tag = word()
    for i in range(5):
        await published_course(title_vi=f"{tag} bài {i}")
    everything = [c["id"] for c in await search(content, q=tag, limit=50)]

    seen, cursor = [], None
    while True:
        params = {"q": tag, "limit": 2, "cursor": cursor}
        page = (await content.client.get("/v1/courses", params=params)).json()
        seen += [c["id"] for c in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break

    assert len(everything) == 5 and seen == everything


async def test_the_list_is_the_platforms_page_envelope_with_typed_members(content, published_course):
    tag = word()
    await published_course(title_vi=tag)

    page = (await content.client.get("/v1/courses", params={"q": tag})).json()

    assert set(page) == {"items", "next_cursor"} and page["next_cursor"] is None
    schema = (await content.client.get("/openapi.json")).json()["components"]["schemas"]
    assert schema["CoursePage"]["properties"]["items"]["items"] == {"$ref": "#/components/schemas/CourseView"}
    view = schema["CourseView"]["properties"]
    assert view["theme"]["$ref"] == "#/components/schemas/CourseTheme"
    assert view["delivery_mode"]["$ref"] == "#/components/schemas/DeliveryMode"
    assert "discriminator" in view["audience"]["items"]


async def test_newest_first_pages_do_not_overlap(content, published_course):
    await published_course()
    await published_course()
    first = (await content.client.get("/v1/courses", params={"limit": 1})).json()
    second = await search(content, limit=1, cursor=first["next_cursor"])

    whole = await search(content, limit=2)
    assert [c["id"] for c in first["items"] + second] == [c["id"] for c in whole]


async def test_a_page_with_an_etag_is_not_sent_again_until_the_catalogue_changes(content, published_course):
    tag = word()
    await published_course(title_vi=tag)
    first = await content.client.get("/v1/courses", params={"q": tag})
    etag = first.headers["etag"]

    again = await content.client.get("/v1/courses", params={"q": tag}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag

    await published_course(title_vi=tag)
    changed = await content.client.get("/v1/courses", params={"q": tag}, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and len(changed.json()["items"]) == 2


async def test_one_course_has_an_etag_too(content, published_course):
    course = await published_course()
    first = await content.client.get(f"/v1/courses/{course['id']}")

    again = await content.client.get(
        f"/v1/courses/{course['id']}", headers={"If-None-Match": first.headers["etag"]}
    )

    assert again.status_code == 304


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


async def test_a_kept_search_page_is_not_served_once_another_instance_changes_the_catalogue(
    content, published_course
):
    tag = word()
    course = await published_course(title_vi=tag)
    assert [c["id"] for c in await search(content, q=tag)] == [course["id"]]

    # Retired behind this instance's back, as another instance of the service would.
    await content.db.execute("UPDATE courses SET status = 'retired' WHERE id = $1", uuid.UUID(course["id"]))

    assert await search(content, q=tag) == []


async def test_a_search_published_since_the_page_was_kept_is_found(content, published_course):
    tag = word()
    first = await published_course(title_vi=f"{tag} {tag}")
    assert [c["id"] for c in await search(content, q=f"  {tag.upper()} ")] == [first["id"]]

    second = await published_course(title_vi=tag)

    assert [c["id"] for c in await search(content, q=tag)] == [first["id"], second["id"]]


async def test_searches_arriving_together_share_their_catalogue_version_reads(content, published_course):
    from content.adapters.catalogue import PooledCatalogueVersion
    from content.entrypoints.page_cache import PageCache

    tag, reads, version = word(), [], PooledCatalogueVersion(content.runtime)
    course = await published_course(title_vi=tag)

    async def counted() -> int:
        reads.append(1)
        return await version()

    state = content.client._transport.app.state  # the very app the fixture started
    kept, state.catalogue_pages = state.catalogue_pages, PageCache(8, counted)
    try:
        found = await asyncio.gather(*(search(content, q=tag) for _ in range(30)))
    finally:
        state.catalogue_pages = kept
    assert all([c["id"] for c in page] == [course["id"]] for page in found)
    assert 1 <= len(reads) <= 3, len(reads)  # one read per wave of arrivals, not one per request
