"""Why a consumer refused an incoming event: one exception class per kind, each with a short code."""

from typing import ClassVar


class RejectedEvent(Exception):
    """An incoming event a consumer must not process; ``reason`` never contains payload values."""

    code: ClassVar[str] = "rejected"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MalformedEnvelope(RejectedEvent):
    """CloudEvents headers are missing, invalid or inconsistent with the registered event type."""

    code: ClassVar[str] = "malformed_envelope"


class UnknownEventType(RejectedEvent):
    """The event type is not in the registry (in no major version)."""

    code: ClassVar[str] = "unknown_event_type"


class UnknownMajorVersion(RejectedEvent):
    """The event type is known but this major version is not (the consumer's contracts are too old)."""

    code: ClassVar[str] = "unknown_major_version"


class NotCleared(RejectedEvent):
    """The consumer is not cleared for the event's data classification or data category."""

    code: ClassVar[str] = "not_cleared"


class InvalidPayload(RejectedEvent):
    """The payload is not JSON or does not validate; the reason names fields, never their values."""

    code: ClassVar[str] = "invalid_payload"


class UntrustedSource(RejectedEvent):
    """The ``ce_source`` is not a source the contracts trust for this event type (see contracts.rights)."""

    code: ClassVar[str] = "untrusted-source"
