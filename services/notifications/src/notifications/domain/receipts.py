"""Receipts: what a channel tells after the send (delivered, opened); a status only ever moves forward."""

from datetime import datetime

from notifications.domain.delivery import Delivery, DeliveryStatus

_ORDER = (DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.OPENED)


class ReceiptRefused(ValueError):
    """A receipt for no delivery of this channel (unknown id, another channel's, or erased since)."""

    status, title, kind = 404, "No such delivery", "unknown-delivery"


class ReceiptTooEarly(ReceiptRefused):
    """A receipt for a delivery not recorded as sent yet: the provider is asked to send it again later."""

    status, title, kind = 409, "Delivery not sent yet", "delivery-not-sent-yet"


def acknowledge(delivery: Delivery, status: DeliveryStatus, now: datetime) -> Delivery | None:
    """The delivery after the receipt, with its event; None when it changes nothing: a repeated receipt,
    or one arriving after a later status (out of order), or about a delivery that failed for good."""
    if delivery.status is DeliveryStatus.PENDING:
        raise ReceiptTooEarly("the delivery is not recorded as sent yet; send the receipt again later")
    if delivery.status not in _ORDER or _ORDER.index(status) <= _ORDER.index(delivery.status):
        return None
    return delivery.acknowledged(status, now)


class ReceiptUnsigned(ReceiptRefused):
    """A receipt without a valid signature of the channel's provider: it changes nothing."""

    status, title, kind = 401, "Receipt signature not valid", "receipt-signature-invalid"
