"""Use case: a learner reads their own messages, newest first; nobody else's."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture
async def learner(notifications) -> uuid.UUID:
    """A learner with two recorded messages, the second one newer."""
    learner_id, now = uuid.uuid4(), datetime.now(UTC)
    for template, age in (("older", 60), ("newer", 1)):
        await notifications.db.execute(
            "INSERT INTO messages (id, learner_id, template, body_vi, body_en, created_at, source_event_id) "
            "VALUES ($1, $2, $3, 'Xin chào', 'Hello', $4, $5)",
            uuid.uuid4(),
            learner_id,
            template,
            now - timedelta(seconds=age),
            str(uuid.uuid4()),
        )
    return learner_id


async def test_a_learner_reads_their_messages_newest_first(notifications, learner):
    response = await notifications.client.get(
        f"/v1/learners/{learner}/messages", headers=notifications.token(str(learner), "learner")
    )

    assert response.status_code == 200
    items = response.json()["items"]
    assert [m["template"] for m in items] == ["newer", "older"]
    assert items[0]["body_vi"] == "Xin chào" and items[0]["read"] is False
    assert "learner_id" not in items[0] and response.json()["next_cursor"] is None


async def test_a_learner_without_messages_gets_an_empty_list(notifications):
    learner = uuid.uuid4()

    response = await notifications.client.get(
        f"/v1/learners/{learner}/messages", headers=notifications.token(str(learner), "learner")
    )

    assert response.status_code == 200 and response.json() == {"items": [], "next_cursor": None}


async def test_a_learner_may_not_read_another_learners_messages(notifications, learner, problem):
    response = await notifications.client.get(
        f"/v1/learners/{learner}/messages", headers=notifications.token(str(uuid.uuid4()), "learner")
    )

    body = problem(response, 403)
    assert body["type"].endswith("/forbidden") and "Xin chào" not in response.text


async def test_a_notifications_officer_may_read_a_learners_messages(notifications, learner):
    response = await notifications.client.get(
        f"/v1/learners/{learner}/messages", headers=notifications.token("officer-1", "notifications-officer")
    )

    assert response.status_code == 200 and len(response.json()["items"]) == 2


async def test_an_enrolment_officer_may_not(notifications, learner, problem):
    response = await notifications.client.get(
        f"/v1/learners/{learner}/messages", headers=notifications.token("officer-1", "enrolment-officer")
    )

    problem(response, 403)


async def test_reading_needs_a_bearer_token(notifications, learner, problem):
    problem(await notifications.client.get(f"/v1/learners/{learner}/messages"), 401)


async def test_a_token_signed_with_another_key_is_refused(notifications, learner, problem):
    forged = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"

    response = await notifications.client.get(
        f"/v1/learners/{learner}/messages", headers={"Authorization": f"Bearer {forged}"}
    )

    problem(response, 401)


async def test_a_malformed_learner_id_is_422_saying_where_not_what(notifications, problem):
    response = await notifications.client.get(
        "/v1/learners/secret-value/messages", headers=notifications.token("officer-1", "admin")
    )

    [error] = problem(response, 422)["errors"]
    assert error["loc"] == ["path", "learner_id"] and "secret-value" not in str(error)


async def test_pages_follow_the_cursor_without_overlap(notifications, learner):
    headers = notifications.token(str(learner), "learner")
    url = f"/v1/learners/{learner}/messages"

    first = (await notifications.client.get(url, params={"limit": 1}, headers=headers)).json()
    params = {"limit": 1, "cursor": first["next_cursor"]}
    second = (await notifications.client.get(url, params=params, headers=headers)).json()

    assert [m["template"] for m in first["items"] + second["items"]] == ["newer", "older"]


async def test_a_forged_cursor_is_422_naming_the_parameter(notifications, learner, problem):
    response = await notifications.client.get(
        f"/v1/learners/{learner}/messages",
        params={"cursor": "not-a-cursor"},
        headers=notifications.token(str(learner), "learner"),
    )

    [error] = problem(response, 422)["errors"]
    assert error["loc"] == ["query", "cursor"]


async def test_a_learner_counts_unread_and_marks_their_own_message_read(notifications, learner, problem):
    headers, url = notifications.token(str(learner), "learner"), f"/v1/learners/{learner}/messages"
    newest = (await notifications.client.get(url, headers=headers)).json()["items"][0]["id"]

    assert (await notifications.client.post(f"{url}/{newest}/read", headers=headers)).status_code == 204
    assert (await notifications.client.get(f"{url}/unread", headers=headers)).json() == {"unread": 1}
    [first, _] = (await notifications.client.get(url, headers=headers)).json()["items"]
    assert first["read"] is True


async def test_nobody_marks_or_counts_another_learners_messages(notifications, learner, problem):
    url = f"/v1/learners/{learner}/messages"
    newest = (
        await notifications.client.get(url, headers=notifications.token(str(learner), "learner"))
    ).json()
    other = notifications.token(str(uuid.uuid4()), "learner")

    problem(await notifications.client.post(f"{url}/{newest['items'][0]['id']}/read", headers=other), 403)
    problem(await notifications.client.get(f"{url}/unread", headers=other), 403)
    own = notifications.token(str(learner), "learner")
    problem(await notifications.client.post(f"{url}/{uuid.uuid4()}/read", headers=own), 404)
