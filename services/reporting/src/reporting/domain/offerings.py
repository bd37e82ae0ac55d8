"""What reporting keeps of course offerings: the dimensions indicators break down by (non-personal)."""

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class OfferingDimensions:
    """One offering's state as of a revision: its course's domain, how it is delivered, and its audience.

    `upgrades_level` is the teacher level of an upgrading programme (an offering open only to teachers of
    that level below its standard); `min_age`/`max_age` the age rule of its audience, if any.
    """

    offering_id: UUID
    course_id: UUID
    revision: int
    theme: str
    delivery_mode: str
    upgrades_level: str | None = None
    min_age: int | None = None
    max_age: int | None = None
