"""Settings every service shares; each service subclasses with its own env prefix."""

from typing import Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_JWT_SECRET = "dev-only-signing-key-change-me-in-production-0123456789"


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
        SecretStr(DEV_JWT_SECRET), description="HS256 key for local runs; unset it in production"
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

    # --- outbox relay, producer and topic creation (kit-relay)
    kafka_request_timeout_ms: int = Field(
        30_000, ge=1_000, le=300_000, description="Producer request timeout: a send's answer or its error"
    )
    relay_publish_timeout_seconds: float = Field(
        10.0, gt=0, le=300, description="A batch's sends and acks; after it the rows wait for the next cycle"
    )
    relay_lease_seconds: float = Field(
        60.0, gt=0, le=3600, description="Another relay takes over when the publishing one is silent so long"
    )
    relay_stall_seconds: float = Field(
        120.0, gt=0, le=86_400, description="Readiness fails when rows wait and none was published this long"
    )
    outbox_prune_seconds: float = Field(
        60.0, gt=0, le=86_400, description="Sent rows past retention are pruned this often, whatever the load"
    )
    topic_replication_factor: int = Field(
        1, ge=1, le=7, description="Replicas of each created topic: 1 locally, 3 in production"
    )
    topic_min_insync_replicas: int = Field(
        1, ge=1, le=7, description="min.insync.replicas of each created topic: 1 locally, 2 in production"
    )

    @model_validator(mode="after")
    def _relay_limits_agree(self) -> Self:
        if self.relay_lease_seconds <= self.relay_publish_timeout_seconds:
            raise ValueError("relay_lease_seconds must exceed relay_publish_timeout_seconds")
        if self.topic_min_insync_replicas > self.topic_replication_factor:
            raise ValueError("topic_min_insync_replicas cannot exceed topic_replication_factor")
        return self

    @property
    def source(self) -> str:
        """The CloudEvents `source` of events this service emits."""
        return f"/vn/hanoi/learningcity/{self.service_name}"
