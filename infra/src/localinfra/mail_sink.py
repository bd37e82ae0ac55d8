"""A real local SMTP server (aiosmtpd) that keeps what it receives: for tests and for `make run`'s operator.

Each accepted message is kept in memory (`messages`) and, when a folder is given, written there as one
`.eml` file, so an operator can read what the platform sent with any mail reader or `cat`.
"""

import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass(frozen=True)
class ReceivedMail:
    """One message as the sink received it."""

    sender: str
    recipients: tuple[str, ...]
    message: EmailMessage
    peer: str = ""  # the client's host:port: mails of one SMTP session share it

    @property
    def body(self) -> str:
        """The plain-text body."""
        part = self.message.get_body(("plain",))
        return "" if part is None else str(part.get_content()).strip()


class _Keep:
    def __init__(self, folder: Path | None) -> None:
        self.messages: list[ReceivedMail] = []
        self.folder = folder

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        peer = ":".join(map(str, session.peer)) if isinstance(session.peer, tuple) else str(session.peer)
        mail = ReceivedMail(str(envelope.mail_from), tuple(envelope.rcpt_tos), parsed, peer)
        self.messages.append(mail)
        if self.folder is not None:
            (self.folder / f"{len(self.messages):06d}.eml").write_bytes(raw)
        return "250 OK"


class MailSink:
    """`with MailSink(port) as sink:` an SMTP server on 127.0.0.1:port; `sink.messages` is what it got."""

    def __init__(self, port: int, folder: Path | None = None) -> None:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        self._keep = _Keep(folder)
        self._controller = Controller(self._keep, hostname="127.0.0.1", port=port)
        self.port = port

    @property
    def messages(self) -> list[ReceivedMail]:
        """Every message received so far, in order."""
        return list(self._keep.messages)

    def start(self) -> None:
        """Listen (in a thread of its own)."""
        self._controller.start()

    def stop(self) -> None:
        """Stop listening."""
        self._controller.stop()

    def __enter__(self) -> "MailSink":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def start_local_mail_sink(port: int, folder: Path) -> MailSink | None:
    """`make run`'s sink: every e-mail the platform sends lands in `folder` as an .eml file. None (and a
    note) when the port is taken, e.g. by a second platform on this machine: the rest still starts."""
    sink = MailSink(port, folder)
    try:
        sink.start()
    except (OSError, RuntimeError) as exc:
        print(f"mail sink not started on 127.0.0.1:{port} ({type(exc).__name__})", flush=True)
        return None
    return sink
