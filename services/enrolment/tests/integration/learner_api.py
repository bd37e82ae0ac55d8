"""Shared helpers of the learner API tests: a sample learner and tokens for each role."""

from typing import Any

LAN: dict[str, Any] = {
    "full_name": "Hà Thị Lan",
    "date_of_birth": "1992-03-14",
    "sex": "female",
    "locality_code": "00004",
    "ethnic_group_code": "04",
    "learner_type": "teacher",
    "email": "lan@example.vn",
    "phone": "0912345678",
}
HOME, ELSEWHERE = "00004", "00008"


def admin(service) -> dict[str, str]:
    return service.token("admin-1", "admin")


def staff(service, role: str = "centre-staff", *localities: str) -> dict[str, str]:
    return service.token(f"{role}-1", role, localities=list(localities))


async def register(service, **changes: Any) -> dict[str, Any]:
    response = await service.client.post("/v1/learners", json={**LAN, **changes}, headers=admin(service))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body
