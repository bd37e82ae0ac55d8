"""The public catalogue's pages: keyset cursors, the page envelope, ETags, and kept pages made stale."""

import asyncio
import uuid

import pytest

from .catalogue_queries import search, word

pytestmark = pytest.mark.integration


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
