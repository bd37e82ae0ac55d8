"""Demo data for `make run`, loaded over the HTTP APIs: a catalogue with offerings, 60 learners across
Hanoi's wards and communes (teachers below the standard among them), enrolments in every state, and a
campaign whose e-mails land in the local mail sink."""

import asyncio
import json
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from servicekit.devtoken import local_dev_token

from localinfra.demo_campaign import load_demo_campaign
from localinfra.demo_catalogue import Catalogue, load_demo_catalogue
from localinfra.errors import InfraError

DEMO = Path(__file__).parent / "demo"
ENROLLED = ("NN-SH-101", "PL-PT-103", "GV-CD-106")  # the demo courses learners are enrolled in


def _client(base: str, subject: str, role: str) -> httpx.Client:
    token = local_dev_token(subject, [role])
    return httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def load_demo_data(urls: dict[str, str], timeout: float = 60.0) -> None:
    """Publish the demo catalogue (once), then register the demo learners and enrol them (once)."""
    with (
        _client(urls["content"], "demo-editor", "content-editor") as content,
        _client(urls["enrolment"], "demo-admin", "admin") as enrolment,
    ):
        offerings = asyncio.run(_catalogue(urls["content"]))
        if enrolment.get("/v1/learners", params={"limit": 1}).json()["items"]:
            print(f"demo data: {len(offerings)} courses; learners already loaded")
            return
        small = _post(content, f"/v1/courses/{offerings['SK-CD-102'][1]}/offerings", _small_offering())["id"]
        for offering in [*(offerings[code][0] for code in ENROLLED), small]:
            _wait_until_open(enrolment, offering, timeout)
        learners = [_register(enrolment, spec) for spec in _learner_specs()]
        counts = _enrol_in_every_state(enrolment, offerings, small, learners)
    campaign = load_demo_campaign(urls, timeout=timeout)
    print(f"demo data: {len(offerings)} courses, {len(learners)} learners, enrolments {counts}")
    print(f"demo campaign {campaign}: its e-mails land in the mail sink (.state/mail/)")


async def _catalogue(base: str) -> Catalogue:
    token = local_dev_token("demo-editor", ["content-editor"])
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as content:
        return await load_demo_catalogue(content)


def _small_offering() -> dict[str, Any]:
    """Six seats in Ba Vì, two reserved for support-policy learners: enough learners to waitlist."""
    starts = (date.today() + timedelta(days=20)).isoformat()
    return {"starts_on": starts, "capacity": 6, "reserved_seats": 2, "locality_code": "09700"}


def _learner_specs() -> list[dict[str, Any]]:
    return list(json.loads((DEMO / "learners.json").read_text(encoding="utf-8")))


def _register(enrolment: httpx.Client, spec: dict[str, Any]) -> dict[str, Any]:
    """The learner (and their teacher profile); returns the record with its `teacher` profile as stored."""
    teacher = spec.pop("teacher", None)
    record = _post(enrolment, "/v1/learners", spec)
    if teacher is not None:
        response = enrolment.put(f"/v1/learners/{record['id']}/teacher-profile", json=teacher)
        _check(response)
        teacher = response.json()
    return {**record, "teacher": teacher}


def _enrol_in_every_state(
    enrolment: httpx.Client, offerings: Catalogue, small: str, learners: list[dict[str, Any]]
) -> dict[str, int]:
    """Confirmed, active, completed (passed/failed), withdrawn, dropped, waitlisted and promoted places."""
    teachers = [  # the upgrading programme admits primary teachers below the standard only
        x
        for x in learners
        if x["teacher"] and x["teacher"]["level"] == "primary" and not x["teacher"]["meets_standard"]
    ]
    others = [x for x in learners if not x["teacher"]]
    farm, law, upgrade = offerings["NN-SH-101"][0], offerings["PL-PT-103"][0], offerings["GV-CD-106"][0]
    places = [_enrol(enrolment, farm, x) for x in others[:14]]
    for n, place in enumerate(places[:6]):
        _act(enrolment, place, "progress", {"percent": 30 + 10 * n})
    for n, place in enumerate(places[6:10]):
        _act(enrolment, place, "progress", {"percent": 100})
        outcome = "failed" if n == 3 else "passed"
        _act(enrolment, place, "complete", {"outcome": outcome, "certificate_id": f"HN-LC-2026-{n + 1:05d}"})
    _act(enrolment, places[10], "withdraw", None)
    _act(enrolment, places[11], "progress", {"percent": 15})
    _act(enrolment, places[11], "drop", None)
    waiting = [_enrol(enrolment, small, x) for x in others[14:26]]
    _act(enrolment, next(p for p in waiting if p["status"] == "confirmed"), "withdraw", None)  # promotes
    for learner in others[26:40]:
        _enrol(enrolment, law, learner)
    for n, learner in enumerate(teachers):
        place = _enrol(enrolment, upgrade, learner)
        if n == 0 and place["status"] == "confirmed":  # passing the programme attains the standard
            _act(enrolment, place, "progress", {"percent": 100})
            _act(enrolment, place, "complete", {"outcome": "passed", "certificate_id": "HN-GV-2026-00001"})
    listed = enrolment.get("/v1/enrolments", params={"limit": 200}).json()["items"]
    return {s: sum(1 for e in listed if e["status"] == s) for s in sorted({e["status"] for e in listed})}


def _enrol(enrolment: httpx.Client, offering: str, learner: dict[str, Any]) -> dict[str, Any]:
    return _post(enrolment, "/v1/enrolments", {"offering_id": offering, "learner_id": learner["id"]})


def _act(enrolment: httpx.Client, place: dict[str, Any], action: str, body: dict[str, Any] | None) -> None:
    _check(enrolment.post(f"/v1/enrolments/{place['id']}/{action}", json=body))


def _wait_until_open(enrolment: httpx.Client, offering: str, timeout: float) -> None:
    """An offering reaches enrolment through content's event: wait until it is there."""
    deadline = time.monotonic() + timeout
    while enrolment.get(f"/v1/offerings/{offering}").status_code == 404:
        if time.monotonic() > deadline:
            raise InfraError(f"demo offering {offering} did not reach enrolment in {timeout:.0f} s")
        time.sleep(0.2)


def _post(client: httpx.Client, path: str, body: dict[str, Any] | None) -> dict[str, Any]:
    response = client.post(path, json=body)
    _check(response)
    return dict(response.json())


def _check(response: httpx.Response) -> None:
    if response.status_code >= 400:
        raise InfraError(
            f"demo data: {response.request.method} {response.request.url.path} gave "
            f"{response.status_code} {response.text[:300]}"
        )
