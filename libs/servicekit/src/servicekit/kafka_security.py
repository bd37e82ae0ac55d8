"""TLS and SASL options for every Kafka client of a service, built once from its settings."""

import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiokafka.helpers import create_ssl_context
from faststream.security import BaseSecurity, SASLScram512

from servicekit.settings import ServiceSettings


def ssl_context(settings: ServiceSettings) -> ssl.SSLContext | None:
    """The TLS context for the SSL protocols (CA, plus the client certificate for mTLS); None otherwise."""
    if not settings.kafka_security_protocol.endswith("SSL"):
        return None
    password = settings.kafka_ssl_key_password
    context: ssl.SSLContext = create_ssl_context(
        cafile=settings.kafka_ssl_cafile,
        certfile=settings.kafka_ssl_certfile,
        keyfile=settings.kafka_ssl_keyfile,
        password=password.get_secret_value() if password else None,
    )
    return context


def client_options(settings: ServiceSettings) -> dict[str, Any]:
    """Keyword arguments for AIOKafkaProducer, AIOKafkaConsumer and AIOKafkaAdminClient.

    Pass them with ``bootstrap_servers``: ``AIOKafkaProducer(bootstrap_servers=..., **client_options(s))``.
    PLAINTEXT gives ``{"security_protocol": "PLAINTEXT"}``, the clients' own default.
    """
    options: dict[str, Any] = {"security_protocol": settings.kafka_security_protocol}
    context = ssl_context(settings)
    if context is not None:
        options["ssl_context"] = context
    if settings.kafka_security_protocol.startswith("SASL"):
        password = settings.kafka_sasl_password
        options["sasl_mechanism"] = settings.kafka_sasl_mechanism
        options["sasl_plain_username"] = settings.kafka_sasl_username
        options["sasl_plain_password"] = password.get_secret_value() if password else None
    return options


def broker_security(settings: ServiceSettings) -> BaseSecurity | None:
    """The ``security=`` argument of faststream's KafkaBroker; None for PLAINTEXT."""
    protocol, context = settings.kafka_security_protocol, ssl_context(settings)
    if protocol.startswith("SASL"):
        username, password = settings.kafka_sasl_username, settings.kafka_sasl_password
        if username is None or password is None:  # the settings validator already refuses this
            raise ValueError("SASL needs kafka_sasl_username and kafka_sasl_password")
        return SASLScram512(
            username, password.get_secret_value(), ssl_context=context, use_ssl=context is not None
        )
    if protocol == "SSL":
        return BaseSecurity(ssl_context=context, use_ssl=True)
    return None


@dataclass(frozen=True)
class KafkaEndpoint:
    """Where and how every Kafka client of a service connects: bootstrap servers plus TLS/SASL options."""

    bootstrap: str
    options: Mapping[str, Any] = field(default_factory=dict)
    security: BaseSecurity | None = None

    def client_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for an aiokafka producer, consumer or admin client."""
        return {"bootstrap_servers": self.bootstrap, **self.options}


def kafka_endpoint(settings: ServiceSettings) -> KafkaEndpoint:
    """The service's endpoint, from its settings (one SSL context for all its clients)."""
    return KafkaEndpoint(settings.kafka_bootstrap, client_options(settings), broker_security(settings))


def endpoint_of(target: "KafkaEndpoint | str") -> KafkaEndpoint:
    """An endpoint as it is, or a bare bootstrap string as a plaintext endpoint (local tools and tests)."""
    return target if isinstance(target, KafkaEndpoint) else KafkaEndpoint(target)
