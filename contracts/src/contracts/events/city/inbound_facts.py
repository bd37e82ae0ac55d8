"""What every inbound city event carries: the platform's pseudonymous learner id, never a name."""

from uuid import UUID

from pydantic import BaseModel, Field

EXAMPLE_LEARNER_ID = "a3e1c7b2-6d54-4f0e-b8a9-7c6d5e4f3a21"
EXAMPLE_OFFERING_ID = "7d1e2f30-4a5b-4c6d-8e9f-0a1b2c3d4e5f"


class InboundLearner(BaseModel):
    """The learner an inbound event is about, by the id the platform gave them (see the producer guide)."""

    learner_id: UUID = Field(
        description=(
            "The platform's pseudonymous learner id (the learner shows it in their account or the city "
            "system receives it when the learner links the accounts); the Kafka message key. Never a name."
        )
    )
