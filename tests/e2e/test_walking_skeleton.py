"""One learner's path across all four services, over real Kafka and PostgreSQL, in one trace."""

import secrets

import pytest
from localinfra.catalogue import COURSE, publish_course_with_offering
from localinfra.polling import eventually
from opentelemetry.trace import SpanKind

pytestmark = pytest.mark.e2e

LEARNER = {
    "full_name": "Lê Thị Hoa",
    "date_of_birth": "1988-07-09",
    "sex": "female",
    "locality_code": "00004",
    "learner_type": "resident",
}


async def register(enrolment) -> str:
    """A learner record: an enrolment takes the learner's dimensions from it."""
    response = await enrolment.client.post(
        "/v1/learners",
        json=LEARNER,
        headers=enrolment.token("officer-1", "enrolment-officer", localities=["00004"]),
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_course_to_enrolment_to_message_and_count_in_one_trace(platform):
    content, enrolment = platform["content"], platform["enrolment"]
    notifications, reporting = platform["notifications"], platform["reporting"]

    editor = content.token("ed", "content-editor")
    published = await publish_course_with_offering(
        content.client, {**COURSE, "code": "NN-SH-101"}, headers=editor
    )
    course_id, offering_id = published.id, published.offering

    learner = await register(enrolment)
    trace_id = secrets.token_hex(16)
    headers = {
        **enrolment.token(learner, "learner"),
        "traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01",
    }

    async def enrol():
        response = await enrolment.client.post(
            "/v1/enrolments", json={"offering_id": offering_id, "learner_id": learner}, headers=headers
        )
        assert response.status_code != 404 or response.json()["type"].endswith("offering-not-found")
        return response if response.status_code == 201 else None

    enrolled = await eventually(enrol, timeout=30, interval=0.2)  # until content's event opened the offering
    assert enrolled.json()["status"] == "confirmed"
    for _ in range(4):  # four more learners: five is the smallest count reporting publishes
        other = await register(enrolment)
        response = await enrolment.client.post(
            "/v1/enrolments",
            json={"offering_id": offering_id, "learner_id": other},
            headers=enrolment.token(other, "learner"),
        )
        assert response.status_code == 201, response.text

    async def messages():
        response = await notifications.client.get(
            f"/v1/learners/{learner}/messages", headers=notifications.token(learner, "learner")
        )
        return response.json()["items"] if response.status_code == 200 and response.json()["items"] else None

    [message] = await eventually(messages, timeout=30)
    assert message["template"] == "enrolment-confirmed" and course_id in message["body_en"]

    async def statistics():
        response = await reporting.client.get(
            "/v1/statistics/enrolments", headers=reporting.token("a", "analyst")
        )
        return response.json() if response.json().get("total") == 5 else None

    stats = await eventually(statistics, timeout=30)
    assert stats["items"] == [{"course_id": course_id, "enrolments": 5, "suppressed": False}]

    assert_one_trace_chain(platform, trace_id)


def assert_one_trace_chain(platform, trace_id: str) -> None:
    """HTTP request -> its transaction -> the relay's publish -> each consumer's process span -> its
    transaction -> the handler: checked by parent span ids (and batch links), not only a shared trace id."""

    def spans(service, kind=None, name=""):
        return [
            s
            for s in platform[service].spans.get_finished_spans()
            if (kind is None or s.kind == kind) and s.name.startswith(name)
        ]

    def child_of(parent, service, **kind_or_name):
        span_id = parent.context.span_id
        return [s for s in spans(service, **kind_or_name) if s.parent and s.parent.span_id == span_id]

    requests = [  # the learner retried until the course was open: the 201 is the one that published
        s
        for s in spans("enrolment", SpanKind.SERVER)
        if "/v1/enrolments" in s.name and format(s.context.trace_id, "032x") == trace_id
    ]
    transactions = [t for r in requests for t in child_of(r, "enrolment", name="db.transaction")]
    publishes = [p for t in transactions for p in child_of(t, "enrolment", kind=SpanKind.PRODUCER)]

    def processed_of(publish, service):  # a batch's process span links each event's context instead
        return [
            s
            for s in spans(service, SpanKind.CONSUMER)
            if (s.parent and s.parent.span_id == publish.context.span_id)
            or any(link.context.span_id == publish.context.span_id for link in s.links)
        ]

    # the transaction wrote the one confirmation (confirmed v2; v1 is retired) and any benefits granted: one
    # publish span carries its rows (the relay makes one per transaction), and notifications handles each
    # (its enrolment facts in batches, as reporting's)
    [publish] = [p for p in publishes if processed_of(p, "notifications")]
    for notified in processed_of(publish, "notifications"):
        [notified_tx] = child_of(notified, "notifications", name="db.transaction")
        assert child_of(notified_tx, "notifications", name="handle"), "the handler runs in the transaction"

    def counted_of(publish):
        return processed_of(publish, "reporting")

    [counted] = [c for c in (counted_of(p) for p in publishes) if c]
    assert len(counted) == 1
    [counted_tx] = child_of(counted[0], "reporting", name="db.transaction")
    assert child_of(counted_tx, "reporting", name="handle")
