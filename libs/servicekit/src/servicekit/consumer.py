"""What a service consumes: a consumer group, its clearance, and handlers per event model."""

from collections.abc import Awaitable, Callable
from typing import Any, Literal, TypeVar

from contracts.classification import Clearance
from contracts.event import EventModel

Handler = Callable[[Any, Any], Awaitable[None]]  # (event, the service's unit of work)
BatchHandler = Callable[[list[Any], Any], Awaitable[None]]
Ignore = Callable[[Any], bool]  # true for an event its handler would leave everything untouched by
H = TypeVar("H", bound=Handler)
B = TypeVar("B", bound=BatchHandler)
Ordering = Literal["independent", "per-key-strict"]


class EventConsumer:
    """Declares handlers; the kit's engine runs them with inbox, retries and dead-lettering.

    A per-event handler runs in its own transaction. A batch handler gets every new event of a
    polled batch in one transaction (for high-rate projections).

    `ordering` says what a dead letter does to the later events of its key (the Kafka message key):
    "independent" handles them at once, so a redriven letter lands behind them: right when each event
    stands alone or the handler tolerates any order (say why at the declaration). "per-key-strict" holds
    them: each goes to the DLQ behind the first, and a redrive replays them all in order, then releases
    the key (held keys are kept in the service's database).
    """

    def __init__(self, group: str, clearance: Clearance, ordering: Ordering = "independent") -> None:
        self.group = group
        self.clearance = clearance
        self.ordering = ordering
        self.handlers: dict[type[EventModel], Handler] = {}
        self.ignored: dict[type[EventModel], Ignore] = {}
        self.batch_handler: BatchHandler | None = None
        self.batch_models: tuple[type[EventModel], ...] = ()
        self.batch_ids = False

    def on(self, model: type[EventModel], *, ignore: Ignore | None = None) -> Callable[[H], H]:
        """Register `handler(event, uow)` for one event model. An event for which `ignore(event)` is true
        is acknowledged without a transaction or an inbox row (counted "ignored"): only for events the
        handler would change nothing with, so handling one twice or not at all is the same."""

        def register(handler: H) -> H:
            self.handlers[model] = handler
            if ignore is not None:
                self.ignored[model] = ignore
            return handler

        return register

    def on_batch(self, *models: type[EventModel], with_ids: bool = False) -> Callable[[B], B]:
        """Register `handler(events, uow)` for a batch of events of these models; `with_ids`: the handler
        gets `(CloudEvents id, event)` pairs instead (a projection that keeps the id behind each fact)."""

        def register(handler: B) -> B:
            self.batch_handler, self.batch_models, self.batch_ids = handler, models, with_ids
            return handler

        return register

    def handles(self, event: EventModel) -> bool:
        """True when some handler takes this event (its model, and not ignored)."""
        kind = type(event)
        if kind in self.batch_models:
            return True
        ignore = self.ignored.get(kind)
        return kind in self.handlers and (ignore is None or not ignore(event))

    @property
    def topics(self) -> list[str]:
        """The logical topics the handled models flow on."""
        return sorted({m.topic for m in (*self.handlers, *self.batch_models)})
