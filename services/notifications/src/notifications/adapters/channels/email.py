"""E-mail over SMTP (aiosmtplib, connections kept open); the delivery id is the Message-ID, so a resend can
be recognised."""

from email.message import EmailMessage

import aiosmtplib

from notifications.adapters.channels.smtp_pool import SmtpPool
from notifications.app.outside_ports import SendFailed
from notifications.domain.delivery import Outgoing

# Connection trouble and 4xx replies may pass; a 5xx reply about this message will not.
_TRANSIENT = (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected, aiosmtplib.SMTPTimeoutError)


class SmtpEmail:
    """Hands each message to one SMTP server (a relay, or the local mail sink of `make run` and tests) over
    up to `connections` sessions kept open (the sender's concurrency: one per mail in flight)."""

    def __init__(self, host: str, port: int, sender: str, timeout: float, connections: int = 1) -> None:
        self._sender = sender
        self._pool = SmtpPool(host, port, timeout, connections)

    async def send(self, item: Outgoing) -> None:
        """Send one e-mail; `SendFailed` with an SMTP code (never the server's text, which may quote it)."""
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = self._sender, item.address, item.subject
        mail["Message-ID"] = f"<{item.key}@notifications.learningcity>"
        if item.unsubscribe_url:  # RFC 8058 one-click unsubscribe, shown by mail clients next to the sender
            mail["List-Unsubscribe"] = f"<{item.unsubscribe_url}>"
            mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        mail.set_content(item.body)
        try:
            await self._pool.send(mail)
        except aiosmtplib.SMTPRecipientsRefused as refused:
            codes = [r.code for r in refused.recipients]
            raise _failed(codes[0] if codes else 550) from None
        except aiosmtplib.SMTPResponseException as answered:
            raise _failed(answered.code) from None
        except (*_TRANSIENT, OSError):
            raise SendFailed("smtp-unreachable", transient=True) from None

    async def close(self) -> None:
        """Close the kept connections (the sender's shutdown)."""
        await self._pool.close()


def _failed(code: int) -> SendFailed:
    return SendFailed(f"smtp-{code}", transient=400 <= code < 500)
