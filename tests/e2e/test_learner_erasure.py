"""A learner's contacts travel from enrolment to notifications alone, and erasure removes them there."""

import pytest
from localinfra.polling import eventually

pytestmark = pytest.mark.e2e

AN = {
    "full_name": "Bùi Văn An",
    "date_of_birth": "1980-01-02",
    "sex": "male",
    "locality_code": "00004",
    "learner_type": "resident",
    "email": "an@example.vn",
    "consent": ["email"],
}


async def test_erasing_a_learner_in_enrolment_deletes_their_contact_in_notifications(platform):
    enrolment, notifications = platform["enrolment"], platform["notifications"].running
    staff = enrolment.token("admin-1", "admin")
    learner = (await enrolment.client.post("/v1/learners", json=AN, headers=staff)).json()
    query = "SELECT email FROM learner_contacts WHERE learner_id = $1::uuid"

    assert await eventually(lambda: notifications.db.fetchval(query, learner["id"])) == "an@example.vn"
    reporting_tables = await platform["reporting"].running.db.fetch(
        "SELECT table_name FROM information_schema.columns WHERE column_name = 'email'"
    )
    assert reporting_tables == []  # reporting never receives contacts

    erased = await enrolment.client.delete(f"/v1/learners/{learner['id']}", headers=staff)

    assert erased.status_code == 200
    gone = "SELECT count(*) = 0 FROM learner_contacts WHERE learner_id = $1::uuid"
    await eventually(lambda: notifications.db.fetchval(gone, learner["id"]))
    kept = "SELECT count(*) FROM erased_learners WHERE learner_id = $1::uuid"
    assert await notifications.db.fetchval(kept, learner["id"]) == 1
