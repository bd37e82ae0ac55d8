"""E-mail over SMTP sessions kept open: mails share a few connections; a dropped one is replaced."""

import asyncio
import uuid

import pytest
from localinfra.mail_sink import MailSink
from localinfra.ports import free_ports
from notifications.adapters.channels.email import SmtpEmail
from notifications.domain.contacts import Channel
from notifications.domain.delivery import Outgoing

pytestmark = pytest.mark.integration


def _mail(to: str) -> Outgoing:
    return Outgoing(uuid.uuid4(), Channel.EMAIL, to, "Chủ đề", "Xin chào")


def _peers(sink: MailSink, domain: str) -> list[str]:
    return [m.peer for m in sink.messages if m.recipients[0].endswith(domain)]


async def test_mails_one_after_the_other_share_one_kept_open_session(mail_sink):
    email, domain = SmtpEmail("127.0.0.1", mail_sink.port, "no-reply@city.vn", 2.0), f"{uuid.uuid4().hex}.vn"
    try:
        for i in range(5):
            await email.send(_mail(f"learner{i}@{domain}"))
    finally:
        await email.close()

    peers = _peers(mail_sink, domain)
    assert len(peers) == 5 and len(set(peers)) == 1


async def test_concurrent_mails_use_at_most_the_pool_s_sessions(mail_sink):
    email = SmtpEmail("127.0.0.1", mail_sink.port, "no-reply@city.vn", 2.0, connections=3)
    domain = f"{uuid.uuid4().hex}.vn"
    try:
        await asyncio.gather(*(email.send(_mail(f"learner{i}@{domain}")) for i in range(12)))
    finally:
        await email.close()

    peers = _peers(mail_sink, domain)
    assert len(peers) == 12 and 1 <= len(set(peers)) <= 3


async def test_a_session_the_server_dropped_is_replaced_by_a_fresh_one():
    [port] = free_ports(1)
    email = SmtpEmail("127.0.0.1", port, "no-reply@city.vn", 2.0)
    try:
        with MailSink(port) as first:
            await email.send(_mail("before@restart.vn"))
        with MailSink(port) as second:  # the server restarted: the kept session is gone
            await email.send(_mail("after@restart.vn"))
    finally:
        await email.close()

    assert [m.recipients for m in first.messages] == [("before@restart.vn",)]
    assert [m.recipients for m in second.messages] == [("after@restart.vn",)]
