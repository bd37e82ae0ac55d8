"""The demo catalogue loads into a real content service, searchable, with its offerings, and only once."""

import pytest
from localinfra.demo_catalogue import demo_courses, load_demo_catalogue

pytestmark = pytest.mark.integration


async def test_the_demo_catalogue_loads_once_with_every_offering(content, department):
    loaded = await load_demo_catalogue(content.client, department)
    again = await load_demo_catalogue(content.client, department)

    expected = demo_courses()
    assert again == loaded and set(loaded) == {c["code"] for c in expected}
    listed = (await content.client.get("/v1/courses", params={"limit": 200})).json()
    assert sorted(c["code"] for c in listed["items"]) == sorted(loaded)
    scheduled = await content.db.fetchval("SELECT count(*) FROM offerings")
    assert scheduled == sum(len(c["offerings"]) for c in expected)


async def test_demo_courses_are_found_without_diacritics(content, department):
    await load_demo_catalogue(content.client, department)

    found = (await content.client.get("/v1/courses", params={"q": "trong rau an toan vietgap"})).json()

    assert found["items"][0]["code"] == "NN-VG-107"
