"""The one error type localinfra raises when Kafka or PostgreSQL cannot be prepared or started."""


class InfraError(RuntimeError):
    """Kafka or PostgreSQL could not be prepared, started or reached; the message says what to do."""
