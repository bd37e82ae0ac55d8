"""Administrators save versioned templates, refused at save time when they would not render; previews."""

import uuid
from datetime import UTC, datetime

import pytest
from contracts.events.enrolment import EnrolmentConfirmedV2, LearnerContactsChangedV1
from contracts.events.enrolment.enrolment_facts import EXAMPLE_FACTS
from localinfra.polling import eventually

pytestmark = pytest.mark.integration

URL = "/v1/templates/enrolment-confirmed/email/en"


def admin(service) -> dict[str, str]:
    return service.token("admin-1", "admin")


async def test_an_admin_saves_versions_and_reads_the_newest(notifications):
    first = await notifications.client.put(
        URL, json={"subject": "Confirmed", "body": "Course {{ course_id }}"}, headers=admin(notifications)
    )
    second = await notifications.client.put(
        URL, json={"subject": "Confirmed!", "body": "Course {{ course_id }}."}, headers=admin(notifications)
    )

    assert (first.status_code, first.json()["version"], second.json()["version"]) == (201, 1, 2)
    newest = (await notifications.client.get(URL, headers=admin(notifications))).json()
    assert (newest["version"], newest["subject"]) == (2, "Confirmed!")


@pytest.mark.parametrize(
    ("body", "detail"),
    [("Hi {{ first_name }}", "unknown variable(s): first_name"), ("{% if %}", "syntax error")],
)
async def test_a_template_that_would_not_render_is_422_naming_the_field(notifications, problem, body, detail):
    url = "/v1/templates/enrolment-confirmed/sms/vi"
    response = await notifications.client.put(
        url, json={"subject": "", "body": body}, headers=admin(notifications)
    )

    refused = problem(response, 422)
    assert detail in refused["detail"] and refused["errors"] == [
        {"loc": ["body", "body"], "type": "template-refused"}
    ]
    assert (await notifications.client.get(url, headers=admin(notifications))).status_code == 404


async def test_an_unknown_kind_is_404_and_only_admins_may_save(notifications, problem):
    body = {"subject": "x", "body": "y"}
    problem(
        await notifications.client.put(
            "/v1/templates/birthday/email/vi", json=body, headers=admin(notifications)
        ),
        404,
    )
    learner = notifications.token(str(uuid.uuid4()), "learner")
    problem(await notifications.client.put(URL, json=body, headers=learner), 403)


async def test_a_preview_renders_without_saving(notifications):
    url = "/v1/templates/campaign/zalo/vi/preview"
    body = {"subject": "Học tập suốt đời", "body": "Hủy đăng ký: {{ unsubscribe_url }}", "values": {}}

    response = await notifications.client.post(url, json=body, headers=admin(notifications))

    assert response.json() == {
        "subject": "Học tập suốt đời",
        "body": "Hủy đăng ký: https://learningcity.hanoi.gov.vn/",
    }
    assert (
        await notifications.client.get(url.removesuffix("/preview"), headers=admin(notifications))
    ).status_code == 404


async def test_the_saved_template_is_what_the_smtp_server_receives(notifications, publish, mail_sink):
    learner, address, course = uuid.uuid4(), f"{uuid.uuid4().hex}@example.vn", uuid.uuid4()
    await notifications.client.put(
        "/v1/templates/enrolment-confirmed/email/vi",
        json={"subject": "Đã xác nhận", "body": "Mã khóa học: {{ course_id }}"},
        headers=admin(notifications),
    )
    at = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
    contacts = LearnerContactsChangedV1(
        learner_id=learner, email=address, language="vi", consent=["email"], changed_at=at
    )
    await publish(notifications, contacts)
    await eventually(
        lambda: notifications.db.fetchval("SELECT 1 FROM learner_contacts WHERE learner_id = $1", learner)
    )

    await publish(
        notifications,
        EnrolmentConfirmedV2(
            **{**EXAMPLE_FACTS, "enrolment_id": uuid.uuid4(), "learner_id": learner, "course_id": course},
            confirmed_at=at,
        ),
    )

    mail = await eventually(lambda: _mail_to(mail_sink, address))
    assert (mail.message["Subject"], mail.body) == ("Đã xác nhận", f"Mã khóa học: {course}")


async def _mail_to(sink, address: str):
    return next((m for m in sink.messages if address in m.recipients), None)
