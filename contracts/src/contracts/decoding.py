"""The consumer side: read, authorise and validate one incoming event from its headers and value."""

from collections.abc import Sequence
from functools import cache, lru_cache

from pydantic import ValidationError

from contracts.classification import Clearance, DataCategory, DataClassification
from contracts.cloudevent import Envelope
from contracts.event import EventModel
from contracts.headers import EnvelopeError, HeaderValue
from contracts.registry import resolve
from contracts.rejections import InvalidPayload, MalformedEnvelope, NotCleared, UntrustedSource
from contracts.rights import trusted_sources

_MAX_PAYLOAD_ERRORS = 10


def decode_event(
    headers: Sequence[tuple[str, HeaderValue]], value: bytes, clearance: Clearance
) -> tuple[Envelope, EventModel]:
    """Read, authorise and validate one incoming event; raises a RejectedEvent subclass if it must not
    be processed: MalformedEnvelope, UnknownEventType, UnknownMajorVersion, UntrustedSource, NotCleared or
    InvalidPayload.
    """
    try:
        envelope = Envelope.from_headers(headers)
    except EnvelopeError as exc:
        raise MalformedEnvelope(exc.reason) from None
    cls = _admitted(
        envelope.type, envelope.source, envelope.dataclassification, envelope.datacategory, clearance
    )
    event = _parse_payload(cls, value)
    if event.subject() != envelope.subject:
        raise MalformedEnvelope(f"ce_subject does not match the subject of the {envelope.type} payload")
    return envelope, event


@lru_cache(maxsize=1024)  # a consumer meets a few dozen (type, source) pairs; bounded against odd senders
def _admitted(
    ce_type: str,
    source: str,
    classification: DataClassification,
    category: DataCategory,
    clearance: Clearance,
) -> type[EventModel]:
    """The event's class, once its labels, source and the consumer's clearance are checked (a refusal is not
    cached: it is raised again for the next such event)."""
    cls = resolve(ce_type)
    if (classification, category) != (cls.classification, cls.category):
        raise MalformedEnvelope(
            f"headers label {ce_type} {classification}/{category}, "
            f"the contract says {cls.classification}/{cls.category}"
        )
    if source not in trusted_sources(cls.topic):
        # The reason leaves the source out: it is whatever the sender chose to write.
        raise UntrustedSource(f"ce_source is not a trusted producer of {ce_type}")
    if not _allows(clearance, cls.classification, cls.category):
        labels = f"{cls.classification}/{cls.category}"
        raise NotCleared(f"{ce_type} is {labels}; consumer is cleared {clearance.describe()}")
    return cls


def forget_admissions() -> None:
    """Forget the cached admissions: the registry's events or rights changed (`registry.registered`)."""
    _admitted.cache_clear()


@cache  # a consumer's clearance meets a handful of labels: asked for every consumed event
def _allows(clearance: Clearance, classification: DataClassification, category: DataCategory) -> bool:
    return clearance.allows(classification, category)


def _parse_payload(cls: type[EventModel], value: bytes) -> EventModel:
    try:
        return cls.model_validate_json(value)
    except ValidationError as exc:
        # `from None`: the ValidationError's text contains the input values, which may be personal data.
        raise InvalidPayload(_payload_reason(cls, exc)) from None


def _payload_reason(cls: type[EventModel], exc: ValidationError) -> str:
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    if any(error["type"] == "json_invalid" for error in errors):
        return f"{cls.ce_type} payload is not valid JSON"
    problems = [
        f"{'.'.join(str(part) for part in error['loc']) or '<payload>'}: {error['type']}"
        for error in errors[:_MAX_PAYLOAD_ERRORS]
    ]
    more = f" (+{len(errors) - _MAX_PAYLOAD_ERRORS} more)" if len(errors) > _MAX_PAYLOAD_ERRORS else ""
    return f"{cls.ce_type} payload is invalid: {'; '.join(problems)}{more}"
