"""Offerings over HTTP: scheduled, changed, cancelled with increasing revisions; retiring closes them."""

import json
import uuid
from datetime import date, timedelta

import pytest
from localinfra.topics import read_topic

pytestmark = pytest.mark.integration

SOON = (date.today() + timedelta(days=30)).isoformat()
LATER = (date.today() + timedelta(days=90)).isoformat()
PLAN = {"starts_on": SOON, "ends_on": LATER, "capacity": 30, "reserved_seats": 5, "locality_code": "00004"}


async def offering_events(content, offering_id: str) -> list[tuple[str, int, str]]:
    rows = await content.db.fetch(
        "SELECT event_type, payload FROM outbox WHERE message_key = $1 ORDER BY seq", offering_id
    )
    return [
        (
            r["event_type"].split(".")[-2],
            json.loads(r["payload"])["revision"],
            json.loads(r["payload"])["status"],
        )
        for r in rows
    ]


@pytest.fixture
async def course(published_course):
    return await published_course(audience=[{"rule": "teachers_below_standard", "level": "primary"}])


async def test_schedule_change_cancel_announce_three_revisions_with_the_whole_state(
    content, department, course
):
    scheduled = await content.client.post(
        f"/v1/courses/{course['id']}/offerings", json=PLAN, headers=department
    )
    assert scheduled.status_code == 201, scheduled.text
    offering = scheduled.json()
    assert offering["audience"] == [{"rule": "teachers_below_standard", "level": "primary"}]
    url = f"/v1/offerings/{offering['id']}"

    changed = await content.client.put(url, json={**PLAN, "capacity": 40}, headers=department)
    cancelled = await content.client.post(f"{url}/cancel", headers=department)

    assert (changed.json()["revision"], changed.json()["capacity"]) == (2, 40)
    assert (cancelled.json()["revision"], cancelled.json()["status"]) == (3, "cancelled")
    assert await offering_events(content, offering["id"]) == [
        ("scheduled", 1, "open"),
        ("changed", 2, "open"),
        ("cancelled", 3, "cancelled"),
    ]
    settings = content.runtime.settings
    topic = settings.topic_prefix + "content.offerings"
    records = await read_topic(settings.kafka_bootstrap, topic, expected=3)
    mine = [json.loads(r.value) for r in records if r.key == offering["id"].encode()]
    assert [(e["revision"], e["capacity"], e["locality_code"]) for e in mine] == [
        (1, 30, "00004"),
        (2, 40, "00004"),
        (3, 40, "00004"),
    ]


async def test_retiring_the_course_closes_its_open_offerings(content, department, course):
    offering = (
        await content.client.post(f"/v1/courses/{course['id']}/offerings", json=PLAN, headers=department)
    ).json()

    await content.client.post(f"/v1/courses/{course['id']}/retire", headers=department)

    assert await offering_events(content, offering["id"]) == [
        ("scheduled", 1, "open"),
        ("changed", 2, "closed"),
    ]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_on": date.today().isoformat()}, "ends_on"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": 2_147_483_648}, "capacity"),
        ({"capacity": 10**30}, "capacity"),
        ({"capacity": "30"}, "capacity"),
        ({"reserved_seats": 31}, "reserved_seats"),
        ({"locality_code": "99999"}, "locality_code"),
        ({"locality_code": "Hà Nội"}, "locality_code"),
        ({"starts_on": "2020-01-01", "ends_on": None}, "starts_on"),
    ],
)
async def test_bad_schedules_are_422_naming_the_field_and_announce_nothing(
    content, department, course, problem, change, field
):
    before = await content.db.fetchval("SELECT count(*) FROM outbox")

    response = await content.client.post(
        f"/v1/courses/{course['id']}/offerings", json={**PLAN, **change}, headers=department
    )

    assert problem(response, 422)["errors"][0]["loc"] == ["body", field]
    assert await content.db.fetchval("SELECT count(*) FROM outbox") == before


async def test_the_largest_capacity_the_column_holds_is_accepted(content, department, course):
    response = await content.client.post(
        f"/v1/courses/{course['id']}/offerings",
        json={**PLAN, "capacity": 2_147_483_647},
        headers=department,
    )
    assert response.status_code == 201, response.text


async def test_a_draft_course_cannot_be_scheduled(content, department, new_course_body, problem):
    draft = (await content.client.post("/v1/courses", json=new_course_body(), headers=department)).json()

    response = await content.client.post(
        f"/v1/courses/{draft['id']}/offerings", json=PLAN, headers=department
    )

    assert problem(response, 409)["type"].endswith("/offering-rule")


async def test_another_provider_cannot_schedule_or_change_offerings(content, published_course, problem):
    mine, theirs = content.token("centre-a", "provider"), content.token("centre-b", "provider")
    course = await published_course(headers=mine)
    offering = (
        await content.client.post(f"/v1/courses/{course['id']}/offerings", json=PLAN, headers=mine)
    ).json()

    problem(
        await content.client.post(f"/v1/courses/{course['id']}/offerings", json=PLAN, headers=theirs), 403
    )
    problem(await content.client.post(f"/v1/offerings/{offering['id']}/cancel", headers=theirs), 403)


async def test_an_unknown_offering_is_404(content, department, problem):
    problem(await content.client.post(f"/v1/offerings/{uuid.uuid4()}/cancel", headers=department), 404)


async def test_anyone_lists_the_offerings_of_a_published_course_but_not_of_a_draft(
    content, department, course, new_course_body, problem
):
    await content.client.post(f"/v1/courses/{course['id']}/offerings", json=PLAN, headers=department)

    listed = await content.client.get(f"/v1/courses/{course['id']}/offerings")

    assert [(o["status"], o["capacity"], o["locality_code"]) for o in listed.json()] == [
        ("open", 30, "00004")
    ]
    draft = (await content.client.post("/v1/courses", json=new_course_body(), headers=department)).json()
    problem(await content.client.get(f"/v1/courses/{draft['id']}/offerings"), 404)
