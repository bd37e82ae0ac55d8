"""The local mail sink is a real SMTP server: what it accepts is kept in memory and as .eml files."""

import smtplib
from email.message import EmailMessage

from localinfra.mail_sink import MailSink, start_local_mail_sink
from localinfra.ports import free_ports


def test_a_mail_sent_over_smtp_is_kept_and_written_as_an_eml_file(tmp_path):
    [port] = free_ports(1)
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "a@example.vn", "b@example.vn", "Xin chào"
    mail.set_content("Nội dung")

    with MailSink(port, tmp_path / "mail") as sink, smtplib.SMTP("127.0.0.1", port) as client:
        client.send_message(mail)

    [received] = sink.messages
    assert (received.recipients, received.body, received.message["Subject"]) == (
        ("b@example.vn",),
        "Nội dung",
        "Xin chào",
    )
    [written] = (tmp_path / "mail").glob("*.eml")
    assert "Xin ch" in written.read_text() or "=?utf-8?" in written.read_text()


def test_a_taken_port_leaves_the_platform_without_a_sink_instead_of_failing(tmp_path):
    [port] = free_ports(1)
    with MailSink(port):
        assert start_local_mail_sink(port, tmp_path / "mail") is None
