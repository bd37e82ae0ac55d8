"""HTTP API for providers: signed delivery receipts of the SMS gateway and the messaging app.

Each provider signs the raw JSON body with HMAC-SHA256 and its own shared secret
(`NOTIFICATIONS_SMS_RECEIPT_SECRET`, `NOTIFICATIONS_ZALO_RECEIPT_SECRET`) and sends
`X-Signature: sha256=<hex digest>`. The reference is the delivery id the message was sent with. A repeated
or late receipt is answered 204 and changes nothing; a receipt before the send is recorded is a 409
(send it again later).
"""

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, Field
from servicekit.http.app import unit_of_work
from servicekit.ports import Dependencies

from notifications.app.outside_ports import ReceiptSignatures
from notifications.app.ports import UnitOfWork
from notifications.app.receipts import record_receipt
from notifications.domain.contacts import Channel
from notifications.domain.delivery import DeliveryStatus

router = APIRouter(prefix="/v1/receipts", tags=["receipts"])
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Signature = Annotated[
    str | None,
    Header(alias="X-Signature", max_length=200, description="sha256=<hex HMAC-SHA256 of the raw body>"),
]
_ZALO = {"user_received_message": DeliveryStatus.DELIVERED, "user_seen_message": DeliveryStatus.OPENED}


class SmsReceipt(BaseModel):
    """The SMS gateway's delivery report (SMS cannot tell an opening)."""

    reference: UUID = Field(description="The `reference` the message was sent with")
    status: Literal["delivered"] = Field(description="What the gateway knows of the message")


class ZaloReceipt(BaseModel):
    """The messaging app's event about a message (received on the phone, or seen by the learner)."""

    tracking_id: UUID = Field(description="The `tracking_id` the message was sent with")
    event: Literal["user_received_message", "user_seen_message"] = Field(description="What happened")


@router.post("/sms", status_code=204, summary="Delivery receipt of the SMS gateway (HMAC-signed)")
async def sms_receipt(body: SmsReceipt, uow: Uow, request: Request, signature: Signature = None) -> None:
    await _receipt(request, Channel.SMS, signature, uow, body.reference, DeliveryStatus.DELIVERED)


@router.post("/zalo", status_code=204, summary="Receipt of the messaging app (HMAC-signed)")
async def zalo_receipt(body: ZaloReceipt, uow: Uow, request: Request, signature: Signature = None) -> None:
    await _receipt(request, Channel.ZALO, signature, uow, body.tracking_id, _ZALO[body.event])


async def _receipt(
    request: Request,
    channel: Channel,
    signature: str | None,
    uow: UnitOfWork,
    delivery_id: UUID,
    status: DeliveryStatus,
) -> None:
    signatures: ReceiptSignatures = request.app.state.receipt_signatures
    signatures.verify(channel, await request.body(), signature)
    deps: Dependencies = request.app.state.deps
    await record_receipt(delivery_id, channel, status, uow, deps)
