"""Settings every service shares; each service subclasses with its own env prefix."""

from typing import Any

from pydantic import Field, SecretStr, ValidationError
from pydantic_core import ErrorDetails
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
    http_port: int = Field(8000, ge=1, le=65535, description="HTTP listen port")
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
    max_request_bytes: int = Field(1_000_000, ge=1, description="Larger request bodies get 413")
    db_pool_max: int = Field(10, ge=3, description="Pool size; the relay holds one to LISTEN, one to publish")
    relay_enabled: bool = Field(True, description="Run the outbox relay in this process")
    relay_batch_size: int = Field(500, ge=1, description="Outbox rows the relay claims per round")
    relay_poll_seconds: float = Field(1.0, gt=0, description="Relay polls this often when no NOTIFY arrives")
    outbox_keep_hours: float = Field(72.0, gt=0, description="Sent outbox rows older than this are pruned")
    consumer_max_attempts: int = Field(5, ge=1, description="Attempts before a failing event goes to the DLQ")
    consumer_backoff_seconds: float = Field(0.2, ge=0, description="First retry delay; doubles each attempt")
    consumer_backoff_max_seconds: float = Field(5.0, ge=0, description="Longest retry delay")
    consumer_batch_size: int = Field(500, ge=1, description="Most records a consumer polls at once")
    consumer_max_poll_interval_ms: int = Field(
        300_000,
        ge=1000,
        description="Kafka max.poll.interval.ms; a batch stops retrying after half of it, commits, polls",
    )

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:  # say which variable to fix, in the operator's words
            prefix = str(self.model_config.get("env_prefix", ""))
            raise InvalidSettings([_explain(prefix, e) for e in exc.errors()]) from None

    @property
    def source(self) -> str:
        """The CloudEvents `source` of events this service emits."""
        return f"/vn/hanoi/learningcity/{self.service_name}"


class InvalidSettings(ValueError):
    """Settings a service must not start with; the message names each environment variable to fix."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid settings: " + "; ".join(problems))
        self.problems = problems


_BOUNDS = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}


def _explain(prefix: str, error: ErrorDetails) -> str:
    """`ENROLMENT_CONSUMER_MAX_ATTEMPTS must be >= 1`; never the value (it may be a secret)."""
    variable = (prefix + str(error["loc"][0] if error["loc"] else "")).upper()
    bounds = [f"{op} {error.get('ctx', {})[k]}" for k, op in _BOUNDS.items() if k in error.get("ctx", {})]
    return f"{variable} must be {' and '.join(bounds)}" if bounds else f"{variable}: {error['msg']}"
