"""What reporting keeps of messages to learners: each delivery's outcome, pseudonymous, never an address."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class MessageFact:
    """A delivery of a message on one channel was sent or failed."""

    delivery_id: UUID
    outcome: str
    message_id: UUID
    learner_id: UUID
    kind: str
    channel: str
    at: datetime
