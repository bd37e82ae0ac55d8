"""The kept-page fast path answers as the route would: bytes, headers, 304s, route metrics, log, span."""

import logging
import uuid
from urllib.parse import quote

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from localinfra.catalogue import publish_course
from localinfra.service_fixtures import FRONT_END
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from .catalogue_queries import word
from .conftest import VIDEO, course_body

pytestmark = pytest.mark.integration

TAG = word()  # the courses these tests publish, once per module
VALUES = {
    "limit": ["1", "2", "50", "200", "0", "201", "-1", "x", "", " 3", "3.0", "1e1"],
    "q": [TAG, TAG.upper(), f"  {TAG}  ", f"{TAG} bài", "Nông nghiệp", "", "a" * 201, "%", "\x00"],
    "theme": ["disaster_prevention", "digital_skills", "nope", ""],
    "audience": ["farmer", "a:b_c", "A", ""],
    "delivery_mode": ["blended", "online", "nope", ""],
    "locality": ["00001", "1", ""],
    "language": ["vi", "en", "VI", "vie", ""],
    "upcoming": ["false", "0", "off", "true", "maybe"],
    "cursor": ["", "bm9wZQ", "WzAuNSwiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIl0"],
    "other": ["1", ""],
}
ONLINE = {"theme": "digital_skills", "delivery_mode": "online"}
PARAM = st.sampled_from(sorted(VALUES)).flatmap(lambda k: st.tuples(st.just(k), st.sampled_from(VALUES[k])))
SPACE = st.sampled_from(["%20", "+"])  # the same text, written two ways
QUERIES = st.tuples(st.lists(PARAM, max_size=5), SPACE)


def app_of(content):
    return content.client._transport.app  # the very app the fixture started


@pytest.fixture(scope="module")
def calls(content):
    """How often the route's page lookup and the fast path's ran (each wrapped where the app keeps it)."""
    counted = {"route": 0, "fast": 0}
    pages = app_of(content).state.catalogue_pages
    page, kept = pages.page, pages.kept

    async def counted_page(*args):
        counted["route"] += 1
        return await page(*args)

    async def counted_kept(*args):
        counted["fast"] += 1
        return await kept(*args)

    pages.page, pages.kept = counted_page, counted_kept
    return counted


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def catalogue(content):
    editor = content.token("editor-1", "content-editor")
    for body in (course_body(title_vi=f"{TAG} bài một"), course_body(title_vi=f"{TAG} bài hai", **ONLINE)):
        await publish_course(content.client, body, [VIDEO], editor)


def query_string(params: list[tuple[str, str]], space: str) -> str:
    nonce = ("fresh", uuid.uuid4().hex)  # unknown to the app: the route answers the first time
    return "&".join(f"{k}={quote(v, safe=' ').replace(' ', space)}" for k, v in [*params, nonce])


def sent(response):
    return response.status_code, response.headers.raw, response.content


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES)
async def test_a_kept_page_is_sent_byte_for_byte_as_the_route_sends_it(content, catalogue, calls, drawn):
    path = "/v1/courses?" + query_string(*drawn)
    first = await content.client.get(path)
    routed, fast = calls["route"], calls["fast"]

    again = await content.client.get(path)

    assert sent(again) == sent(first)
    if first.status_code == 200 and "upcoming" not in path:  # a page kept for a query the route read
        assert (calls["route"], calls["fast"]) == (routed, fast + 1)
        tag = first.headers["etag"]
        for header in (tag, f"W/{tag}", f'"other", {tag}', '"other"'):
            fresh = "/v1/courses?" + query_string(*drawn)  # the same query, by the route
            headers = {"If-None-Match": header, "Origin": FRONT_END}  # CORS applies to both
            by_route = await content.client.get(fresh, headers=headers)
            by_fast_path = await content.client.get(path, headers=headers)
            assert sent(by_fast_path) == sent(by_route)


async def test_a_catalogue_change_drops_the_kept_page(content, published_course, calls):
    tag = word()
    await published_course(title_vi=tag)
    first = await content.client.get("/v1/courses", params={"q": tag})
    await content.client.get("/v1/courses", params={"q": tag})  # kept, answered by the fast path
    routed = calls["route"]

    await published_course(title_vi=f"{tag} mới")
    after = await content.client.get("/v1/courses", params={"q": tag})

    assert calls["route"] == routed + 1  # the fast path passed it on: its page was of the older catalogue
    assert len(after.json()["items"]) == 2 and after.headers["etag"] != first.headers["etag"]


async def test_a_fast_answer_is_counted_logged_and_traced_as_the_route(content, calls, caplog):
    spans = InMemorySpanExporter()
    content.runtime.telemetry.add_processor(SimpleSpanProcessor(spans))
    params = {"q": word()}
    await content.client.get("/v1/courses", params=params)
    fast = calls["fast"]
    counted = content.runtime.metrics.http_requests.labels("GET", "/v1/courses", "200")
    before = counted._value.get()

    with caplog.at_level(logging.INFO, logger="servicekit.access"):
        await content.client.get("/v1/courses", params=params)

    assert calls["fast"] == fast + 1
    assert counted._value.get() == before + 1
    logged = [r.getMessage() for r in caplog.records if r.name == "servicekit.access"]
    assert logged == ["GET /v1/courses 200"]
    server = [s for s in spans.get_finished_spans() if s.kind == SpanKind.SERVER][-1]
    assert server.name == "GET /v1/courses" and server.attributes["http.route"] == "/v1/courses"
    assert server.attributes["http.response.status_code"] == 200


async def test_a_head_request_a_trailing_slash_or_a_huge_query_is_left_to_the_route(content, calls):
    params = {"q": word()}
    huge = {**params, "other": "x" * 5000}  # valid (unknown parameters are ignored), but not remembered
    await content.client.get("/v1/courses", params=params)
    await content.client.get("/v1/courses", params=huge)
    fast = calls["fast"]

    head = await content.client.head("/v1/courses", params=params)
    slash = await content.client.get("/v1/courses/", params=params)
    again = await content.client.get("/v1/courses", params=huge)

    assert calls["fast"] == fast and head.status_code == 405 and slash.status_code in (307, 404, 405)
    assert again.status_code == 200
