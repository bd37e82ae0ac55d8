"""The walking skeleton with seeded personal data: no log line and no exported span carries any of it."""

import json
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest
from localinfra.catalogue import COURSE, publish_course_with_offering
from localinfra.polling import eventually
from localinfra.service_fixtures import RunningService
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests.security.conftest import SERVICES

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

NAME, ASCII_NAME = "Nguyễn Thị Hoa", "Nguyen Thi Hoa"
EMAIL, PHONE, PHONE_DIGITS = "hoa.nguyen@example.vn", "0987 654 321", "0987654321"
TEACHER = {"level": "primary", "qualification": "college_pedagogy", "retires_on": "2045-06-30"}
NOSY_HEADERS = {
    "User-Agent": f"{ASCII_NAME} <{EMAIL}>",
    "From": EMAIL,
    "Referer": f"https://app.example/profile?phone={PHONE_DIGITS}&name={ASCII_NAME}",
    "X-Forwarded-For": "203.0.113.77",
}


@pytest.fixture
async def platform(
    start_service, topic_prefix
) -> AsyncIterator[dict[str, tuple[RunningService, InMemorySpanExporter]]]:
    started = {}
    async with AsyncExitStack() as stack:
        for name, (settings_class, bootstrap) in SERVICES.items():
            running = await stack.enter_async_context(start_service(settings_class, bootstrap, topic_prefix))
            spans = InMemorySpanExporter()
            running.runtime.telemetry.add_processor(SimpleSpanProcessor(spans))
            started[name] = (running, spans)
        yield started


async def test_no_log_line_or_span_carries_seeded_personal_data(platform, json_log):
    (content, _), (enrolment, _) = platform["content"], platform["enrolment"]
    (notifications, _), (reporting, _) = platform["notifications"], platform["reporting"]
    officer = enrolment.token("officer-1", "enrolment-officer", localities=["00004"])
    profile = {"full_name": NAME, "date_of_birth": "1990-05-01", "sex": "female", "locality_code": "00004"}
    registered = await enrolment.client.post(
        "/v1/learners",
        json={
            **profile,
            "learner_type": "teacher",
            "phone": PHONE_DIGITS,
            "email": EMAIL,
            "consent": ["sms"],
        },
        headers={**officer, **NOSY_HEADERS},
    )
    learner = registered.json()["id"]
    await _learner_paths(enrolment, learner, {**officer, **NOSY_HEADERS})
    editor = {**content.token("editor", "content-editor"), **NOSY_HEADERS}

    await content.client.post("/v1/courses", json={**COURSE, "contact": {"full_name": NAME}}, headers=editor)
    offering = (await publish_course_with_offering(content.client, COURSE, headers=editor)).offering
    await content.client.get(f"/v1/courses?email={EMAIL}&phone={PHONE_DIGITS}", headers=NOSY_HEADERS)
    as_learner = {**enrolment.token(learner, "learner"), **NOSY_HEADERS}
    body = {"offering_id": offering, "learner_id": learner}
    await enrolment.client.post(
        "/v1/enrolments", json={**body, "full_name": NAME, "phone": PHONE}, headers=as_learner
    )

    async def enrolled():
        response = await enrolment.client.post("/v1/enrolments", json=body, headers=as_learner)
        return response.status_code == 201

    await eventually(enrolled, timeout=30, interval=0.2)
    _application_code_logs_carelessly(enrolment, learner)

    async def message_arrived():
        response = await notifications.client.get(
            f"/v1/learners/{learner}/messages",
            headers={**notifications.token(learner, "learner"), **NOSY_HEADERS},
        )
        return response.status_code == 200 and response.json()

    await eventually(message_arrived, timeout=30, interval=0.2)
    await reporting.client.get(
        "/v1/statistics/enrolments", headers={**reporting.token("an", "analyst"), **NOSY_HEADERS}
    )

    logged = "\n".join(_readable(line) for line in json_log().splitlines())
    exported = [_readable(s.to_json()) for _, spans in platform.values() for s in spans.get_finished_spans()]
    assert "servicekit.access" in logged and len(exported) > 10  # the scan saw the platform at work
    for seeded in (NAME, ASCII_NAME, EMAIL, EMAIL.upper(), PHONE, PHONE_DIGITS, learner, "203.0.113.77"):
        assert seeded not in logged, (seeded, [line for line in logged.splitlines() if seeded in line])
        assert not [span for span in exported if seeded in span], (
            seeded,
            [s for s in exported if seeded in s],
        )


async def _learner_paths(enrolment: RunningService, learner: str, officer: dict[str, str]) -> None:
    """The learner record's other paths: change (contacts, consent), teacher profile, reads, dashboard."""
    url = f"/v1/learners/{learner}"
    changes = {"email": EMAIL.upper(), "phone": PHONE_DIGITS, "consent": ["email", "sms"], "full_name": NAME}
    answers = [
        await enrolment.client.patch(url, json=changes, headers=officer),
        await enrolment.client.put(f"{url}/teacher-profile", json=TEACHER, headers=officer),
        await enrolment.client.get(url, headers=officer),
        await enrolment.client.get(f"{url}/teacher-profile", headers=officer),
        await enrolment.client.get("/v1/learners", params={"locality_code": "00004"}, headers=officer),
        await enrolment.client.get(f"{url}/dashboard", headers=enrolment.token(learner, "learner")),
    ]
    assert [a.status_code for a in answers] == [200] * len(answers), [a.text for a in answers]


def _readable(document: str) -> str:
    return json.dumps(json.loads(document), ensure_ascii=False)  # "Nguy\u1ec5n" would hide "Nguyễn"


def _application_code_logs_carelessly(enrolment: RunningService, learner: str) -> None:
    """What a hurried handler might log, in every shape logging accepts; and an exception on a span."""
    log = logging.getLogger("enrolment.app")
    person = {"Full_Name": NAME, "contacts": {"email": EMAIL}, "learnerId": learner}
    log.info("enrolled %s", person)
    log.info("enrolled %s via %s", {"name": NAME}, [{"phone": PHONE}])
    log.warning("learner %s (%s, %s) enrolled", learner, EMAIL, PHONE)
    log.info(
        "profile", extra={"learner": {"profile": {"phone": PHONE, "email": EMAIL}}, "Learner_ID": learner}
    )
    with enrolment.runtime.telemetry.tracer.start_as_current_span("careless") as span:
        try:
            raise ValueError(f"no seat for {NAME} <{EMAIL}> {learner}")
        except ValueError as exc:
            span.record_exception(exc)
            log.exception("enrolment failed")
