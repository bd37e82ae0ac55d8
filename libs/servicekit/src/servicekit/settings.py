"""Settings every service shares; each service subclasses with its own env prefix."""

from pathlib import Path
from typing import Any, Literal, Self

from contracts.envelope import source_for
from contracts.topics import DEAD_LETTER_RETENTION_MS
from pydantic import AliasChoices, Field, SecretStr, ValidationError, model_validator
from pydantic_core import ErrorDetails
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
    http_port: int = Field(8000, ge=1, le=65535, description="HTTP listen port")
    otlp_endpoint: str | None = Field(None, description="OTLP/HTTP traces endpoint; unset = no export")
    log_level: str = "INFO"
    jwt_dev_secret: SecretStr | None = Field(
        None, description="HS256 key for `make run` and tests only; the service then binds loopback only"
    )
    jwt_public_key: str | None = Field(None, description="PEM public key for RS256/ES256 tokens")
    jwt_jwks_url: str | None = Field(None, description="JWKS URL of the identity provider")
    jwt_jwks_refresh_seconds: float = Field(
        300.0, ge=10, le=86_400, description="How often the JWKS keys are fetched again (in the background)"
    )
    jwt_jwks_timeout_seconds: float = Field(
        3.0, gt=0, le=30, description="Longest wait for the identity provider's JWKS endpoint"
    )
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

    # --- database roles (issue 7): migrations as the schema's owner, serving as a read/write-only role ---
    migration_database_url: SecretStr | None = Field(
        None,
        description=(
            "DSN of the role that owns the schema (<service>_owner), used only by `migrate` and "
            "migrate_on_start; unset = database_url. Production sets it and keeps database_url on the "
            "runtime role, which may only read and write rows. sslmode/sslrootcert work in both URLs"
        ),
    )

    # --- outbox relay, producer and topic creation
    kafka_request_timeout_ms: int = Field(
        30_000, ge=1_000, le=300_000, description="Producer request timeout: a send's answer or its error"
    )
    relay_publish_timeout_seconds: float = Field(
        10.0, gt=0, le=300, description="A batch's sends and acks; after it the rows wait for the next cycle"
    )
    relay_lease_seconds: float = Field(
        # Twice the publish timeout: a live relay renews at every claim, and a relay killed -9 holds
        # its successor (often the same service restarted) back no longer than this (make chaos saw 60 s).
        20.0,
        gt=0,
        le=3600,
        description="Another relay takes over when the publishing one is silent so long",
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

    # --- deploy for operators (issue 14): the standard OpenTelemetry variables, unprefixed as collectors,
    # Helm charts and the OTel operator set them; `otlp_endpoint` (the platform's own) still wins
    otel_exporter_otlp_endpoint: str | None = Field(
        None,
        validation_alias=AliasChoices("OTEL_EXPORTER_OTLP_ENDPOINT", "otel_exporter_otlp_endpoint"),
        description="OTLP/HTTP base URL (standard variable); traces go to <url>/v1/traces; empty = unset",
    )
    otel_exporter_otlp_traces_endpoint: str | None = Field(
        None,
        validation_alias=AliasChoices(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "otel_exporter_otlp_traces_endpoint"
        ),
        description="OTLP/HTTP traces URL, used as is (standard variable); beats the base URL",
    )
    otel_sdk_disabled: bool = Field(
        False,
        validation_alias=AliasChoices("OTEL_SDK_DISABLED", "otel_sdk_disabled"),
        description="true = export no traces whatever the endpoints say (standard variable)",
    )

    # notifications: delivery channels and the sender loop (used by the notifications service only)
    smtp_host: str = Field("127.0.0.1", description="SMTP server that e-mail is handed to")
    smtp_port: int = Field(8025, ge=1, le=65535, description="SMTP server port")
    smtp_sender: str = Field("no-reply@learningcity.hanoi.gov.vn", description="From address of e-mail")
    smtp_timeout_seconds: float = Field(10.0, gt=0, le=120, description="Longest wait for the SMTP server")
    sms_gateway_url: str | None = Field(None, description="SMS gateway endpoint (POST JSON); unset = no SMS")
    sms_gateway_token: SecretStr | None = Field(None, description="Bearer token of the SMS gateway")
    zalo_api_url: str | None = Field(None, description="Messaging-app (Zalo OA) endpoint; unset = none")
    zalo_access_token: SecretStr | None = Field(None, description="Access token of the messaging app")
    channel_timeout_seconds: float = Field(10.0, gt=0, le=120, description="Longest wait for an HTTP channel")
    channel_rate_per_second: float = Field(
        50.0, gt=0, le=10_000, description="Most sends per second on each channel (the provider's quota)"
    )
    delivery_poll_seconds: float = Field(
        1.0, gt=0, le=60, description="Sender loop: wait between empty polls"
    )
    delivery_batch_size: int = Field(100, ge=1, le=10_000, description="Deliveries claimed per sender cycle")
    delivery_lease_seconds: float = Field(
        120.0, gt=0, le=86_400, description="A claimed delivery is due again after this if never recorded"
    )
    delivery_max_attempts: int = Field(
        5, ge=1, le=50, description="Attempts before a transient failure is final"
    )
    delivery_backoff_seconds: float = Field(5.0, gt=0, le=3600, description="First retry wait (doubles)")
    delivery_backoff_max_seconds: float = Field(900.0, gt=0, le=86_400, description="Longest retry wait")
    quiet_hours_start: int = Field(
        21, ge=0, le=23, description="Hanoi hour from which non-urgent messages wait"
    )
    quiet_hours_end: int = Field(7, ge=0, le=23, description="Hanoi hour at which waiting messages go out")
    unsubscribe_secret: SecretStr | None = Field(
        None, description="Key signing unsubscribe links; unset = the dev key where set, else no links"
    )
    unsubscribe_base_url: str = Field("http://127.0.0.1:8003", description="Public base URL of the links")
    unsubscribe_link_days: int = Field(90, ge=1, le=3650, description="Days an unsubscribe link stays valid")

    def __init__(self, **values: Any) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:  # say which variable to fix, in the operator's words
            prefix = str(self.model_config.get("env_prefix", ""))
            raise InvalidSettings([_explain(prefix, e) for e in exc.errors()]) from None

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

    @model_validator(mode="after")
    def _relay_limits_agree(self) -> Self:
        if self.relay_lease_seconds <= self.relay_publish_timeout_seconds:
            raise ValueError("relay_lease_seconds must exceed relay_publish_timeout_seconds")
        if self.topic_min_insync_replicas > self.topic_replication_factor:
            raise ValueError("topic_min_insync_replicas cannot exceed topic_replication_factor")
        return self

    @property
    def traces_endpoint(self) -> str | None:
        """Where traces go: `otlp_endpoint`, else the standard OTEL_* variables; None = no export."""
        if self.otel_sdk_disabled:
            return None
        if self.otlp_endpoint or self.otel_exporter_otlp_traces_endpoint:
            return self.otlp_endpoint or self.otel_exporter_otlp_traces_endpoint
        base = self.otel_exporter_otlp_endpoint
        return f"{base.rstrip('/')}/v1/traces" if base else None

    @property
    def source(self) -> str:
        """The CloudEvents `source` of events this service emits."""
        return source_for(self.service_name)

    # --- idempotency keys (enrolment lifecycle, issue 9): POSTs replayed with an Idempotency-Key
    idempotency_keep_hours: float = Field(
        24.0, gt=0, le=720, description="A replayed Idempotency-Key gets the stored response this long"
    )
    idempotency_prune_every_seconds: float = Field(
        3600.0, gt=0, le=86_400, description="How often expired idempotency keys are pruned"
    )

    # --- machine clients (city systems, issue 13): HTTP Basic credentials and per-client rate limits
    client_credentials_file: Path | None = Field(
        None,
        description="TOML of machine clients: id, scrypt hash of the secret, roles, scopes; unset: none",
    )
    client_rate_per_second: float = Field(
        50.0, gt=0, le=100_000, description="Requests per second a client may keep up (token bucket refill)"
    )
    client_rate_burst: int = Field(
        100, ge=1, le=100_000, description="Requests a client may make at once (token bucket size)"
    )

    # --- speed (issue 8): waking relays after commits without a NOTIFY in every transaction
    outbox_notify_interval_seconds: float = Field(
        0.05,
        ge=0,
        le=5,
        description="Other instances' relays get at most one NOTIFY this often (this process's is woken "
        "directly after each commit); polling stays the fallback",
    )
    jwt_cache_size: int = Field(
        4096, ge=0, le=1_000_000, description="Verified bearer tokens kept; 0 = verify each time"
    )
    jwt_cache_max_seconds: float = Field(
        60.0, gt=0, le=3600, description="A cached token is trusted until its exp and at most this long"
    )

    # --- notifications (issue 11, session 18): offering reminders and providers' delivery receipts
    reminder_hour: int = Field(
        9, ge=0, le=23, description="Hanoi hour of the day before an offering's start its reminder is due"
    )
    reminder_poll_seconds: float = Field(
        60.0, gt=0, le=3600, description="Reminder loop: wait between looks for offerings to remind"
    )
    sms_receipt_secret: SecretStr | None = Field(
        None, description="HMAC-SHA256 key of the SMS gateway's delivery receipts; unset = receipts refused"
    )
    zalo_receipt_secret: SecretStr | None = Field(
        None, description="HMAC-SHA256 key of the messaging app's receipts; unset = receipts refused"
    )
    delivery_concurrency: int = Field(
        4, ge=1, le=200, description="Deliveries one sender loop sends at once (each its own connection)"
    )
    # Content search speed (issue 10)
    catalogue_cache_pages: int = Field(
        512, ge=0, le=100_000, description="Content search: pages kept per catalogue version (0: none)"
    )

    # --- notifications (issue 11, session 19): messages recorded before the learner's contacts arrived
    late_contacts_window_minutes: int = Field(
        60,
        ge=0,
        le=10_080,
        description="Contacts stored (or a channel newly consented) within this many minutes of a "
        "transactional message add its missing deliveries on the new channels; 0 = never",
    )

    # --- HTTP worker processes and the event loop (issue 8, session 20)
    http_workers: int = Field(
        1,
        ge=1,
        le=16,
        description="HTTP processes sharing the port: the main one (relay, consumers, pruners) plus "
        "HTTP_WORKERS - 1 that serve HTTP only",
    )
    http_speedups: bool = Field(
        True, description="Serve HTTP on uvloop with the httptools parser (False: asyncio and h11)"
    )
    http_worker_stop_seconds: float = Field(
        15.0, gt=0, le=120, description="How long `serve` waits for its HTTP workers to stop gracefully"
    )

    # --- content search fast path (issue 10, session 20)
    catalogue_fast_path: bool = Field(
        True,
        description="Content search: send a kept page for a query string already read before FastAPI's "
        "routing and validation (False: every search through the route; for comparisons)",
    )

    # --- outbox relay pipelining (issue 8, session 20)
    relay_in_flight: int = Field(
        3,
        ge=1,
        le=8,
        description="Relay batches awaiting Kafka's answers at once (1: claim, send, wait, one at a time); "
        "a key with rows in flight holds its later rows back",
    )


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
