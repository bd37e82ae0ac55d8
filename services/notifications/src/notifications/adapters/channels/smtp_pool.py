"""Open SMTP connections kept for reuse, so a mail costs one transaction on the wire, not a new session."""

import asyncio
import contextlib
from email.message import EmailMessage

import aiosmtplib

# A kept session the server closed while it waited (its idle timeout, a restart) shows only when used.
_GONE = (aiosmtplib.SMTPServerDisconnected, ConnectionError)


class SmtpPool:
    """At most `size` sessions to one server, opened on demand and kept open between mails.

    A session that failed in any way is closed and dropped, so a broken one never carries a second mail;
    a kept one found closed is replaced by a fresh one for the same mail.
    """

    def __init__(self, host: str, port: int, timeout: float, size: int) -> None:
        self._host, self._port, self._timeout = host, port, timeout
        self._slots = asyncio.Semaphore(size)
        self._idle: list[aiosmtplib.SMTP] = []

    async def send(self, mail: EmailMessage) -> None:
        """Send one mail on a kept session (or a new one); raises what aiosmtplib raises."""
        async with self._slots:
            while self._idle:
                if await self._send_on(self._idle.pop(), mail, kept=True):
                    return
            session = aiosmtplib.SMTP(hostname=self._host, port=self._port, timeout=self._timeout)
            await session.connect()
            await self._send_on(session, mail, kept=False)

    async def close(self) -> None:
        """Say QUIT on every idle session (the service's shutdown)."""
        idle, self._idle = self._idle, []
        for session in idle:
            await _drop(session)

    async def _send_on(self, session: aiosmtplib.SMTP, mail: EmailMessage, kept: bool) -> bool:
        """True once sent (the session is kept); False if a kept session was gone (try another)."""
        try:
            if not session.is_connected:
                raise aiosmtplib.SMTPServerDisconnected("closed while idle")
            await session.send_message(mail)
        except _GONE:
            await _drop(session)
            if not kept:
                raise
            return False
        except BaseException:
            await _drop(session)
            raise
        self._idle.append(session)
        return True


async def _drop(session: aiosmtplib.SMTP) -> None:
    """Close a session politely if it still answers, at once otherwise."""
    if session.is_connected:
        with contextlib.suppress(aiosmtplib.SMTPException, OSError):
            await session.quit()
    session.close()
