"""SQL for what a claimed batch of deliveries needs to be sent, read in one statement for the whole batch."""

import json
from collections.abc import Sequence
from datetime import time
from typing import Any
from uuid import UUID

from servicekit.db import Repository

from notifications.app.delivery_ports import SendContext
from notifications.domain.contacts import Channel, LearnerContacts
from notifications.domain.delivery import Delivery
from notifications.domain.message import Message
from notifications.domain.preferences import QuietHours
from notifications.domain.templates import Template

# One row per delivery (LEFT JOINs): a missing message, contact or template reads as NULLs. The template is
# the newest version for the delivery's kind and channel in the learner's language (Vietnamese without one).
_CONTEXTS = """
SELECT d.delivery_id, d.channel AS d_channel, d.kind AS d_kind,
    m.id, m.learner_id, m.template, m.body_vi, m.body_en, m.created_at, m.source_event_id, m.read_at,
    m.variables, c.learner_id AS c_learner, c.email, c.phone, c.language, c.consent, c.changed_at,
    q.start_hour, q.end_hour,
    EXISTS (SELECT 1 FROM opt_outs o WHERE o.learner_id = d.learner_id AND o.channel = d.channel)
        AS opted_out,
    t.version AS t_version, t.subject AS t_subject, t.body AS t_body, t.created_at AS t_created_at
FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])
    AS d(delivery_id, message_id, learner_id, channel, kind)
LEFT JOIN messages m ON m.id = d.message_id
LEFT JOIN learner_contacts c ON c.learner_id = d.learner_id
LEFT JOIN quiet_hours q ON q.learner_id = d.learner_id
LEFT JOIN LATERAL (
    SELECT version, subject, body, created_at FROM templates
    WHERE kind = d.kind AND channel = d.channel AND language = coalesce(c.language, 'vi')
    ORDER BY version DESC LIMIT 1
) t ON true
"""


class SqlSendContexts(Repository):
    """The send-time reads of deliveries, in the notifications database."""

    async def of(self, deliveries: Sequence[Delivery]) -> dict[UUID, SendContext]:
        """Each delivery's message, contacts, opt-out, own quiet hours and template, by delivery id."""
        if not deliveries:
            return {}
        columns = zip(
            *((d.id, d.message_id, d.learner_id, d.channel.value, d.kind) for d in deliveries), strict=True
        )
        rows = await self._conn.fetch(_CONTEXTS, *(list(c) for c in columns))
        by_id = {d.id: d for d in deliveries}
        return {r["delivery_id"]: _context(r, by_id[r["delivery_id"]]) for r in rows}


def _context(row: Any, delivery: Delivery) -> SendContext:
    contacts = None if row["c_learner"] is None else _contacts(delivery.learner_id, row)
    quiet = None if row["start_hour"] is None else QuietHours(time(row["start_hour"]), time(row["end_hour"]))
    return SendContext(_message(row), contacts, row["opted_out"], quiet, _template(row, contacts))


def _message(row: Any) -> Message | None:
    if row["id"] is None:
        return None
    fields = (
        "id",
        "learner_id",
        "template",
        "body_vi",
        "body_en",
        "created_at",
        "source_event_id",
        "read_at",
    )
    return Message(**{f: row[f] for f in fields}, variables=json.loads(row["variables"]))


def _contacts(learner_id: UUID, row: Any) -> LearnerContacts:
    consent = frozenset(Channel(c) for c in row["consent"])
    return LearnerContacts(
        learner_id, row["email"], row["phone"], row["language"], consent, row["changed_at"]
    )


def _template(row: Any, contacts: LearnerContacts | None) -> Template | None:
    if row["t_version"] is None:
        return None
    language = contacts.language if contacts is not None else "vi"
    channel, kind = Channel(row["d_channel"]), row["d_kind"]
    return Template(
        kind, channel, language, row["t_version"], row["t_subject"], row["t_body"], row["t_created_at"]
    )
