"""Settings every service shares; each service subclasses with its own env prefix."""

from typing import Literal, Self

from contracts.topics import DEAD_LETTER_RETENTION_MS
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_DEAD_LETTER_DAYS = DEAD_LETTER_RETENTION_MS / 86_400_000


class ServiceSettings(BaseSettings):
    """Read once in a service's bootstrap; nothing else reads the environment."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    service_name: str = Field(description="OpenTelemetry service.name and the CloudEvents source suffix")
    database_url: SecretStr = Field(description="asyncpg DSN of this service's own database")
    kafka_bootstrap: str = Field("127.0.0.1:19092", description="Kafka bootstrap servers")
    topic_prefix: str = Field("", description="Prefix on every topic and group name (test isolation)")
    create_topics: bool = Field(True, description="Create the declared topics on start when missing")
    http_host: str = "127.0.0.1"
    http_port: int = 8000
    otlp_endpoint: str | None = Field(None, description="OTLP/HTTP traces endpoint; unset = no export")
    log_level: str = "INFO"
    jwt_dev_secret: SecretStr | None = Field(
        None, description="HS256 key for `make run` and tests only; the service then binds loopback only"
    )
    jwt_public_key: str | None = Field(None, description="PEM public key for RS256/ES256 tokens")
    jwt_jwks_url: str | None = Field(None, description="JWKS URL of the identity provider")
    jwt_audience: str = "learningcity"
    jwt_issuer: str = "learningcity-dev"
    cors_origins: list[str] = Field(default_factory=list, description="Front-end origins allowed by CORS")
    max_request_bytes: int = Field(1_000_000, description="Larger request bodies get 413")
    db_pool_max: int = Field(10, ge=3, description="Pool size; the relay holds one to LISTEN, one to publish")
    relay_enabled: bool = Field(True, description="Run the outbox relay in this process")
    relay_batch_size: int = 500
    relay_poll_seconds: float = Field(1.0, description="Relay polls this often when no NOTIFY arrives")
    outbox_keep_hours: float = Field(72.0, description="Sent outbox rows older than this are pruned")
    consumer_max_attempts: int = Field(5, description="Attempts before a failing event is dead-lettered")
    consumer_backoff_seconds: float = Field(0.2, description="First retry delay; doubles each attempt")
    consumer_backoff_max_seconds: float = 5.0
    consumer_batch_size: int = 500
    consumer_max_poll_interval_ms: int = Field(
        300_000,
        description="Kafka max.poll.interval.ms; a batch stops retrying after half of it, commits, polls",
    )

    # Inbox (dedupe keyed on CloudEvents source and id; pruned by age). An event can come back after it
    # was handled through: a relay republishing after a crash, uncommitted offsets after a rebalance
    # (minutes), and `dlq redrive` of a dead letter, possible as long as the DLQ keeps it (30 days). The
    # retention must outlast all of these, so it may not be shorter than the DLQ's plus one day.
    inbox_keep_days: float = Field(
        45.0,
        ge=_DEAD_LETTER_DAYS + 1,
        le=3650,
        description="Inbox rows older than this are pruned; longer than any redelivery (DLQ keeps 30 days)",
    )
    inbox_prune_every_seconds: float = Field(
        3600.0, gt=0, le=86_400, description="How often the inbox pruner runs"
    )

    # security and privacy: metrics exposure
    metrics_port: int | None = Field(
        None,
        ge=1,
        le=65535,
        description="Port of /metrics (Prometheus only), on http_host; unset = no metrics endpoint",
    )

    # --- self-healing start-up (runtime.py): connect in the background, retry with capped backoff
    startup_retry_initial_seconds: float = Field(
        0.5, gt=0, le=60, description="First delay before connecting PostgreSQL/Kafka again; doubles"
    )
    startup_retry_max_seconds: float = Field(
        30.0, gt=0, le=600, description="Longest delay between attempts to connect PostgreSQL/Kafka"
    )
    migrate_on_start: bool = Field(
        False, description="Apply pending migrations when the database is first reached while serving"
    )
    readiness_timeout_seconds: float = Field(
        3.0, gt=0, le=60, description="How long /health/ready waits for each dependency to answer"
    )

    # --- Kafka security (issue 7): TLS and SASL for every Kafka client; see servicekit.kafka_security ---
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", description="How clients reach Kafka; production uses SASL_SSL (or SSL with mTLS)"
    )
    kafka_sasl_mechanism: Literal["SCRAM-SHA-512"] = Field(
        "SCRAM-SHA-512", description="SASL mechanism for the SASL_* protocols"
    )
    kafka_sasl_username: str | None = Field(
        None, min_length=1, description="SASL user: the service's principal (User:<name>) on the broker"
    )
    kafka_sasl_password: SecretStr | None = Field(None, description="SASL password of that user")
    kafka_ssl_cafile: str | None = Field(
        None, min_length=1, description="PEM CA bundle that signed the broker"
    )
    kafka_ssl_certfile: str | None = Field(
        None, min_length=1, description="PEM client certificate for mTLS (principal = its subject)"
    )
    kafka_ssl_keyfile: str | None = Field(
        None, min_length=1, description="PEM private key of that certificate"
    )
    kafka_ssl_key_password: SecretStr | None = Field(
        None, description="Password of the key file, if encrypted"
    )

    @model_validator(mode="after")
    def _kafka_security_complete(self) -> Self:
        protocol = self.kafka_security_protocol
        if protocol.startswith("SASL") and not (self.kafka_sasl_username and self.kafka_sasl_password):
            raise ValueError(f"kafka_security_protocol {protocol} needs kafka_sasl_username and _password")
        if protocol.endswith("SSL") and not self.kafka_ssl_cafile:
            raise ValueError(f"kafka_security_protocol {protocol} needs kafka_ssl_cafile")
        if (self.kafka_ssl_certfile is None) != (self.kafka_ssl_keyfile is None):
            raise ValueError("kafka_ssl_certfile and kafka_ssl_keyfile go together (mTLS)")
        if self.kafka_ssl_certfile and not protocol.endswith("SSL"):
            raise ValueError("a client certificate needs kafka_security_protocol SSL or SASL_SSL")
        return self

    @property
    def source(self) -> str:
        """The CloudEvents `source` of events this service emits."""
        return f"/vn/hanoi/learningcity/{self.service_name}"
