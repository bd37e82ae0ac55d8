"""Kafka clients built only from a service's settings (as the kit builds them), for the security tests."""

import asyncio

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from localinfra.kafka_secured import SecuredKafka
from servicekit.kafka_security import client_options
from servicekit.settings import ServiceSettings

QUICK = {"request_timeout_ms": 5000, "metadata_max_age_ms": 5000}


def sasl_settings(kafka: SecuredKafka, principal: str, password: str | None = None) -> ServiceSettings:
    """A service's settings as deployed: SASL_SSL with its own principal, trusting the platform CA."""
    return ServiceSettings(
        service_name=principal,
        database_url="postgresql://unused/db",  # type: ignore[arg-type]
        kafka_bootstrap=kafka.sasl_bootstrap,
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_username=principal,
        kafka_sasl_password=kafka.passwords[principal] if password is None else password,  # type: ignore[arg-type]
        kafka_ssl_cafile=str(kafka.cafile),
    )


async def produce_as(settings: ServiceSettings, topic: str, value: bytes) -> None:
    """Send one record with the idempotent producer the kit uses."""
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap,
        enable_idempotence=True,
        **QUICK,
        **client_options(settings),
    )
    try:
        await producer.start()
        await producer.send_and_wait(topic, value, key=b"k")
    finally:
        await producer.stop()


async def consume_as(settings: ServiceSettings, topic: str, group: str | None) -> list[bytes]:
    """Read what is on ``topic`` (in ``group``, committing, as the kit does)."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **QUICK,
        **client_options(settings),
    )
    try:
        await consumer.start()
        if group is None:
            consumer.assign([TopicPartition(topic, p) for p in range(3)])
            await consumer.seek_to_beginning()
        else:
            consumer.subscribe([topic])
        values = await _read_some(consumer)
        if group is not None:
            await consumer.commit()
        return values
    finally:
        await consumer.stop()


async def _read_some(consumer: AIOKafkaConsumer) -> list[bytes]:
    async with asyncio.timeout(20):
        while True:
            batches = await consumer.getmany(timeout_ms=500)
            values = [r.value for batch in batches.values() for r in batch if r.value is not None]
            if values:
                return values


async def visible_topics(settings: ServiceSettings) -> set[str]:
    """The topics the broker tells this principal about (it hides those it may not DESCRIBE)."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap, **QUICK, **client_options(settings)
    )
    try:
        await consumer.start()
        return set(await consumer.topics())
    finally:
        await consumer.stop()
