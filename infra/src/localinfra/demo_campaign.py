"""Demo campaign for `make run`: a few learners with e-mail who never enrolled, and a campaign to them.

`load_demo_campaign(urls)` is the hook the demo loader calls after the platform is up. The e-mails land in
the local mail sink (`.state/mail/*.eml`); `GET /v1/campaigns/{id}` on notifications shows the progress.
"""

import time
from datetime import UTC, datetime, timedelta

import httpx
from servicekit.devtoken import local_dev_token

from localinfra.errors import InfraError

DEMO_LOCALITY = "00004"
DEMO_CAMPAIGN = {
    "name": "Hà Nội - Thành phố học tập / Hanoi, a learning city",
    "goal": "Raise awareness of lifelong learning and of Hanoi in UNESCO's Global Network of Learning Cities",
    "body_vi": (
        "Hà Nội là thành viên Mạng lưới các thành phố học tập toàn cầu của UNESCO. "
        "Hãy tìm một khóa học gần bạn!\nHủy nhận thư: {{ unsubscribe_url }}"
    ),
    "body_en": (
        "Hanoi is a member of UNESCO's Global Network of Learning Cities. Find a course near you!\n"
        "Unsubscribe: {{ unsubscribe_url }}"
    ),
    "channels": ["email", "in_app"],
}


def _headers(subject: str, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {local_dev_token(subject, [role])}"}


def load_demo_campaign(urls: dict[str, str], learners: int = 3, timeout: float = 60.0) -> str:
    """Register `learners` demo learners with e-mail (consenting) and start a campaign to the ones in the
    demo locality who never enrolled; the campaign id. Waits (up to `timeout`) for notifications to
    learn of the learners from enrolment's events before the campaign is accepted."""
    admin = _headers("demo-admin", "admin")
    for n in range(learners):
        profile = {
            "full_name": f"Học viên Chiến dịch {n + 1}",
            "date_of_birth": "1995-03-08",
            "sex": "female" if n % 2 else "male",
            "locality_code": DEMO_LOCALITY,
            "learner_type": "resident",
            "email": f"demo-learner-{n + 1}@learningcity.example",
            "consent": ["email", "in_app"],
        }
        httpx.post(f"{urls['enrolment']}/v1/learners", json=profile, headers=admin).raise_for_status()
    return _create_when_audience_known(urls["notifications"], timeout)


def _create_when_audience_known(base: str, timeout: float) -> str:
    staff = _headers("demo-communications", "communication-officer")
    deadline = time.monotonic() + timeout
    while True:
        start = (datetime.now(UTC) + timedelta(seconds=2)).isoformat()
        segment = {"localities": [DEMO_LOCALITY], "not_yet_enrolled": True}
        body = {**DEMO_CAMPAIGN, "scheduled_at": start, "segment": segment}
        response = httpx.post(f"{base}/v1/campaigns", json=body, headers=staff)
        if response.status_code == 201:
            campaign_id: str = response.json()["id"]
            print(f"demo campaign {campaign_id}: see {base}/v1/campaigns/{campaign_id} and .state/mail/")
            return campaign_id
        if response.status_code != 422 or time.monotonic() > deadline:  # 422: audience not known yet
            raise InfraError(f"demo campaign refused: {response.status_code}")
        time.sleep(0.5)
