"""A receipt only moves a delivery forward: sent -> delivered -> opened; pending is too early."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from notifications.domain.contacts import Channel
from notifications.domain.delivery import Delivery, DeliveryStatus
from notifications.domain.receipts import ReceiptTooEarly, acknowledge

AT = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)


def delivery(status: DeliveryStatus) -> Delivery:
    return Delivery(uuid4(), uuid4(), uuid4(), Channel.SMS, "enrolment-confirmed", status, 1, AT)


def test_a_later_status_moves_on_with_its_event():
    later = acknowledge(delivery(DeliveryStatus.SENT), DeliveryStatus.DELIVERED, AT)
    assert later is not None and later.status is DeliveryStatus.DELIVERED
    assert [e.status for e in later.events] == [DeliveryStatus.DELIVERED]


@pytest.mark.parametrize(
    ("now", "receipt"),
    [
        (DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED),
        (DeliveryStatus.OPENED, DeliveryStatus.DELIVERED),
        (DeliveryStatus.FAILED, DeliveryStatus.OPENED),
    ],
)
def test_a_repeated_late_or_failed_receipt_changes_nothing(now, receipt):
    assert acknowledge(delivery(now), receipt, AT) is None


def test_a_receipt_before_the_send_is_recorded_is_too_early():
    with pytest.raises(ReceiptTooEarly):
        acknowledge(delivery(DeliveryStatus.PENDING), DeliveryStatus.DELIVERED, AT)
