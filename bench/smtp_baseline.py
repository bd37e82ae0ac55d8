"""The campaign's raw baseline: the same number of e-mails sent by a bare aiosmtplib loop to the same local
SMTP sink, on as many connections (each kept open) as the notifications sender sends at once.

It runs in a process of its own (`python smtp_baseline.py PORT COUNT DOMAIN CONNECTIONS` prints one JSON
line): the sink serves from a thread of the bench's process, and a sender there would share its GIL."""

import asyncio
import json
import subprocess
import sys
import time
from email.message import EmailMessage

import aiosmtplib

BODY = "Hanoi is a learning city. Unsubscribe: http://127.0.0.1/v1/unsubscribe/{token}"


def _mail(i: int, domain: str) -> EmailMessage:
    """A mail shaped as the campaign's (sender, subject, Message-ID, one-click unsubscribe, plain body)."""
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "bench@learningcity.local", f"r{i}@{domain}", "Bench"
    mail["Message-ID"] = f"<raw{i}@bench.learningcity>"
    mail["List-Unsubscribe"] = f"<http://127.0.0.1/v1/unsubscribe/{i}>"
    mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail.set_content(BODY.format(token=i))
    return mail


async def _connection(port: int, numbers: range, domain: str) -> None:
    async with aiosmtplib.SMTP(hostname="127.0.0.1", port=port, timeout=30) as smtp:
        for i in numbers:
            await smtp.send_message(_mail(i, domain))


async def _send_all(port: int, count: int, domain: str, connections: int) -> float:
    began = time.monotonic()
    shares = [range(c, count, connections) for c in range(connections)]
    await asyncio.gather(*(_connection(port, share, domain) for share in shares))
    return time.monotonic() - began


def send(port: int, count: int, domain: str, connections: int, timeout: float) -> float:
    """Send `count` mails to `r<i>@domain` through the sink on `port`; seconds until the last was accepted."""
    argv = [sys.executable, __file__, str(port), str(count), domain, str(connections)]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=timeout).stdout
    return float(json.loads(out.strip().splitlines()[-1])["seconds"])


if __name__ == "__main__":
    port, count, domain, connections = sys.argv[1:5]
    seconds = asyncio.run(_send_all(int(port), int(count), domain, int(connections)))
    print(json.dumps({"seconds": seconds}))
