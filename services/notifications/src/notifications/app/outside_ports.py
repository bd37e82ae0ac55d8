"""Ports to the world outside the database: delivery channels, the template engine, unsubscribe links."""

from typing import Protocol, runtime_checkable
from uuid import UUID

from notifications.domain.contacts import Channel
from notifications.domain.delivery import Outgoing


class SendFailed(Exception):
    """A channel did not accept a message: `code` says why (never an address or a body)."""

    def __init__(self, code: str, *, transient: bool) -> None:
        super().__init__(code)
        self.code, self.transient = code, transient


class ChannelSender(Protocol):
    """One delivery channel (e-mail, SMS, in-app, messaging app); raises `SendFailed` when refused."""

    async def send(self, item: Outgoing) -> None:
        """Hand the message to the channel; `item.key` lets the channel drop a repeated send."""


@runtime_checkable
class Closable(Protocol):
    """A channel that keeps connections open between sends: closed when the sender stops."""

    async def close(self) -> None:
        """Close what is kept open."""


class TemplateEngine(Protocol):
    """A sandboxed template engine; raises `TemplateRefused` naming the `field` at fault."""

    def check(self, source: str, declared: set[str], field: str) -> None:
        """Refuse bad syntax and variables not declared."""

    def render(self, source: str, values: dict[str, str], field: str) -> str:
        """The rendered text."""
        ...


class UnsubscribeLinks(Protocol):
    """Signed, expiring one-click unsubscribe links."""

    def link(self, learner_id: UUID, channel: Channel) -> str:
        """The URL that opts the learner out of the channel."""
        ...

    def read(self, token: str) -> tuple[UUID, Channel]:
        """The learner and channel of a token; `LinkRefused` if forged or expired."""
        ...


class ReceiptSignatures(Protocol):
    """Providers' signatures on their delivery receipts."""

    def verify(self, channel: Channel, body: bytes, signature: str | None) -> None:
        """Return if the channel's provider signed `body`; `ReceiptRefused`/`ReceiptUnsigned` if not."""
