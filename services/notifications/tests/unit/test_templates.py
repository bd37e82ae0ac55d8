"""Templates: refused at save time when they would not render safely; previews; the channel's own at send."""

from datetime import timedelta
from uuid import uuid4

import pytest
from notifications.adapters.template_engine import SandboxedTemplates
from notifications.app.deliver import Sending, deliver_due
from notifications.app.notify_learner import notify_learner
from notifications.app.templates import TemplateText, preview, save_template
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.delivery import RetryPolicy
from notifications.domain.templates import TemplateRefused, UnknownKind

from .test_use_cases import NOW, QUIET, RecordingChannel, confirmed

ENGINE = SandboxedTemplates()


def text(body: str, subject: str = "Xác nhận", kind: str = "enrolment-confirmed") -> TemplateText:
    return TemplateText(kind, "email", "vi", subject, body)


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("Khóa {{ course_title }}", "unknown variable(s): course_title"),
        ("Khóa {{ course_id ", "template syntax error on line 1"),
        ("{{ course_id.__class__.__mro__ }}", "the sandbox forbids"),
    ],
)
async def test_a_template_that_would_not_render_safely_is_refused_at_save_time(uow, deps, body, says):
    with pytest.raises(TemplateRefused) as refused:
        await save_template(text(body), uow, ENGINE, deps)

    assert says in str(refused.value) and refused.value.field == "body"
    assert uow.templates.items == {}


async def test_an_unknown_kind_or_language_is_not_found(uow, deps):
    with pytest.raises(UnknownKind):
        await save_template(TemplateText("birthday", "email", "vi", "x", "y"), uow, ENGINE, deps)
    with pytest.raises(UnknownKind):
        await save_template(TemplateText("campaign", "email", "fr", "x", "y"), uow, ENGINE, deps)


async def test_each_save_is_a_new_version(uow, deps):
    versions = [await save_template(text(f"v{n} {{{{ course_id }}}}"), uow, ENGINE, deps) for n in (1, 2)]

    assert versions == [1, 2]
    latest = await uow.templates.latest("enrolment-confirmed", Channel.EMAIL, "vi")
    assert latest.body.startswith("v2")


def test_a_preview_renders_given_values_over_samples_and_ignores_undeclared_ones():
    subject, body = preview(
        text("Khóa {{ course_id }} {{ unsubscribe_url }}", subject="{{ course_id }}"),
        {"course_id": "K-1", "other": "x"},
        ENGINE,
    )

    assert (subject, body) == ("K-1", "Khóa K-1 https://learningcity.hanoi.gov.vn/")


def test_values_are_not_html_escaped_nor_able_to_inject_template_code():
    _, body = preview(text("{{ course_id }}"), {"course_id": "{{ 7*7 }} <b>"}, ENGINE)

    assert body == "{{ 7*7 }} <b>"


async def test_a_delivery_uses_the_newest_template_of_its_channel_and_language(uow, deps):
    learner, email = uuid4(), RecordingChannel()
    contacts = LearnerContacts(learner, "an@example.vn", None, "vi", frozenset({Channel.EMAIL}), NOW)
    async with uow:
        await uow.contacts.save(contacts)
    await save_template(text("Mã khóa: {{ course_id }}", subject="Đã xác nhận"), uow, ENGINE, deps)
    course = uuid4()
    await notify_learner(confirmed(learner, course, "evt-1"), uow, deps)

    policy = RetryPolicy(1, timedelta(seconds=1), timedelta(seconds=1))
    await deliver_due(
        lambda: uow, Sending({Channel.EMAIL: email}, policy, 10, timedelta(minutes=1), ENGINE, QUIET), deps
    )

    [item] = email.sent
    assert (item.subject, item.body) == ("Đã xác nhận", f"Mã khóa: {course}")
