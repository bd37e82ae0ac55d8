"""The notifications service, started once per test module, with a real SMTP sink and a recording gateway."""

import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio
from aiokafka import AIOKafkaProducer
from contracts.envelope import Envelope, encode_event
from contracts.event import EventModel
from localinfra.mail_sink import MailSink
from localinfra.polling import eventually
from localinfra.ports import free_ports
from localinfra.recording_http import RecordingHttpServer
from notifications.bootstrap import NotificationsSettings, bootstrap

ENROLMENT = "/vn/hanoi/learningcity/enrolment"
SMS_RECEIPTS, ZALO_RECEIPTS = "sms-receipt-key", "zalo-receipt-key"  # the providers' receipt secrets
# Quick retries so that a retried-then-failed delivery settles in well under a second.
FAST_SENDING = dict(
    delivery_poll_seconds=0.05,
    delivery_backoff_seconds=0.05,
    delivery_backoff_max_seconds=0.2,
    delivery_max_attempts=3,
    smtp_timeout_seconds=2.0,
    channel_timeout_seconds=2.0,
    quiet_hours_start=0,  # no quiet hours (start == end): the suite may run at any hour of Hanoi's night
    quiet_hours_end=0,
    reminder_hour=0,  # an offering starting tomorrow (Hanoi) is due for its reminder at once
    reminder_poll_seconds=0.1,
)


@pytest.fixture(scope="session")
def mail_sink() -> Iterator[MailSink]:
    """A real SMTP server on loopback that keeps every message it accepts."""
    [port] = free_ports(1)
    with MailSink(port) as sink:
        yield sink


@pytest.fixture(scope="session")
def gateway() -> Iterator[RecordingHttpServer]:
    """A real HTTP server standing in for the SMS gateway (/sms) and the messaging app (/zalo)."""
    with RecordingHttpServer() as server:
        yield server


def channel_settings(mail_sink: MailSink, gateway: RecordingHttpServer) -> dict[str, object]:
    """Settings that send e-mail to the sink and SMS and messaging-app requests to the gateway."""
    return dict(
        FAST_SENDING,
        smtp_port=mail_sink.port,
        sms_gateway_url=f"{gateway.url}/sms",
        sms_gateway_token="sms-token",
        zalo_api_url=f"{gateway.url}/zalo",
        zalo_access_token="zalo-token",
        sms_receipt_secret=SMS_RECEIPTS,
        zalo_receipt_secret=ZALO_RECEIPTS,
    )


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def notifications(start_service, mail_sink, gateway) -> AsyncIterator:
    settings = channel_settings(mail_sink, gateway)
    async with start_service(NotificationsSettings, bootstrap, **settings) as service:
        yield service


@pytest.fixture(scope="session")
def publish():
    """`await publish(service, *events, ids=None)`: events as enrolment's relay would send them; the ce ids.

    Passing the same `ids` again redelivers the very same records (same CloudEvents id)."""

    async def send(
        service, *events: EventModel, ids: list[str] | None = None, source: str = ENROLMENT
    ) -> list[str]:
        settings = service.runtime.settings
        ids = ids or [str(uuid.uuid4()) for _ in events]
        producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap)
        await producer.start()
        try:
            for event, ce_id in zip(events, ids, strict=True):
                headers = Envelope.for_event(event, source=source, id=ce_id).to_headers()
                key = event.aggregate_id().encode()
                topic = settings.topic_prefix + event.topic
                await producer.send_and_wait(topic, encode_event(event), key=key, headers=headers)
        finally:
            await producer.stop()
        return ids

    return send


async def handled(service, ids: list[str]) -> None:
    """Wait until the consumer has handled (and recorded in its inbox) every one of these events."""
    query = "SELECT count(*) = $2 FROM inbox WHERE event_id = ANY($1)"
    await eventually(lambda: service.db.fetchval(query, ids, len(ids)))
