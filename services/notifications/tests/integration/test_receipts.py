"""Delivered and opened: signed receipts and inbox reads move a delivery forward, once, never back."""

import json
import uuid

import pytest
from localinfra.polling import eventually
from notifications.adapters.receipt_signatures import sign

from .conftest import SMS_RECEIPTS, ZALO_RECEIPTS, handled
from .test_delivery import confirmed, contacts, settled

pytestmark = pytest.mark.integration

_TYPE = "vn.hanoi.learningcity.notifications.message.{}.v1"


async def sent_on(service, publish, gateway, path: str, *consent: str) -> tuple[uuid.UUID, str]:
    """A learner whose confirmation went out on `consent`'s channels; the learner and the HTTP reference."""
    learner = uuid.uuid4()
    await handled(service, await publish(service, contacts(learner, "x@example.vn", "sms")))
    # enrolment's contacts event has no consent value for the messaging app yet: given here directly
    query = "UPDATE learner_contacts SET consent = $2 WHERE learner_id = $1"
    await service.db.execute(query, learner, list(consent))
    await publish(service, confirmed(learner))
    await settled(service, learner, len(consent))
    [request] = [
        r
        for r in gateway.requests
        if r.path == path and r.headers["Idempotency-Key"] in await _ids(service, learner)
    ]
    return learner, request.headers["Idempotency-Key"]


async def _ids(service, learner: uuid.UUID) -> set[str]:
    rows = await service.db.fetch("SELECT id FROM deliveries WHERE learner_id = $1", learner)
    return {str(r["id"]) for r in rows}


async def post(service, path: str, body: dict, secret: str | None):
    raw = json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Signature"] = sign(secret, raw)
    return await service.client.post(path, content=raw, headers=headers)


async def announced(service, delivery: str) -> list[str]:
    """The status events of the delivery written to the outbox, in order (short names)."""
    rows = await service.db.fetch(
        "SELECT event_type FROM outbox WHERE convert_from(payload, 'UTF8')::jsonb ->> 'delivery_id' = $1"
        " ORDER BY seq",
        delivery,
    )
    return [r["event_type"].rsplit(".", 2)[-2] for r in rows]


async def status_of(service, delivery: str) -> str:
    return await service.db.fetchval("SELECT status FROM deliveries WHERE id = $1::uuid", delivery)


async def test_a_signed_sms_receipt_marks_delivered_once_and_an_unsigned_one_changes_nothing(
    notifications, publish, gateway
):
    _, reference = await sent_on(notifications, publish, gateway, "/sms", "sms")
    body = {"reference": reference, "status": "delivered"}

    unsigned = await post(notifications, "/v1/receipts/sms", body, None)
    forged = await post(notifications, "/v1/receipts/sms", body, "not-the-key")
    assert (unsigned.status_code, forged.status_code) == (401, 401)
    assert await status_of(notifications, reference) == "sent"

    for _ in range(2):  # the provider repeats its receipt
        assert (await post(notifications, "/v1/receipts/sms", body, SMS_RECEIPTS)).status_code == 204

    assert await status_of(notifications, reference) == "delivered"
    assert await announced(notifications, reference) == ["sent", "delivered"]
    other_channel = await post(notifications, "/v1/receipts/zalo", _zalo(reference, "seen"), ZALO_RECEIPTS)
    assert other_channel.status_code == 404


def _zalo(reference: str, what: str) -> dict:
    return {"tracking_id": reference, "event": f"user_{what}_message"}


async def test_messaging_app_receipts_out_of_order_never_move_the_status_back(
    notifications, publish, gateway
):
    _, reference = await sent_on(notifications, publish, gateway, "/zalo", "zalo")

    seen = await post(notifications, "/v1/receipts/zalo", _zalo(reference, "seen"), ZALO_RECEIPTS)
    received = await post(notifications, "/v1/receipts/zalo", _zalo(reference, "received"), ZALO_RECEIPTS)

    assert (seen.status_code, received.status_code) == (204, 204)
    assert await status_of(notifications, reference) == "opened"
    assert await announced(notifications, reference) == ["sent", "opened"]


async def test_reading_a_message_in_the_inbox_opens_its_in_app_delivery_once(notifications, publish):
    learner = uuid.uuid4()
    await handled(notifications, await publish(notifications, contacts(learner, "x@example.vn", "in_app")))
    await publish(notifications, confirmed(learner))
    await settled(notifications, learner, 1)
    message = await notifications.db.fetchval("SELECT id FROM messages WHERE learner_id = $1", learner)
    delivery = str(
        await notifications.db.fetchval("SELECT id FROM deliveries WHERE message_id = $1", message)
    )
    own = notifications.token(str(learner), "learner")

    for _ in range(2):
        read = await notifications.client.post(f"/v1/learners/{learner}/messages/{message}/read", headers=own)
        assert read.status_code == 204

    assert await status_of(notifications, delivery) == "opened"
    assert await eventually(lambda: announced(notifications, delivery)) == ["sent", "opened"]
