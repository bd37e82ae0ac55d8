"""A learner's preferences: channels they opted out of, and the quiet hours non-urgent messages wait out."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from notifications.domain.contacts import Channel

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
URGENT_KINDS = frozenset({"offering-cancelled", "offering-changed"})
"""Kinds that go out at once even in quiet hours: the learner must know before they travel."""


@dataclass(frozen=True)
class QuietHours:
    """Hours (Hanoi time) in which non-urgent messages wait; `start` > `end` spans midnight."""

    start: time
    end: time

    def wait_until(self, now: datetime) -> datetime | None:
        """The end of the quiet period `now` falls in (aware), or None outside quiet hours."""
        local = now.astimezone(HANOI)
        t = local.time().replace(tzinfo=None)
        overnight = self.start > self.end
        quiet = (t >= self.start or t < self.end) if overnight else (self.start <= t < self.end)
        if not quiet:
            return None
        end = local.replace(hour=self.end.hour, minute=self.end.minute, second=0, microsecond=0)
        return end if end > local else end + timedelta(days=1)


def holds(kind: str, channel: Channel, quiet: QuietHours, now: datetime) -> datetime | None:
    """Until when a message must wait: non-urgent, not in-app (silent), in quiet hours; else None."""
    if kind in URGENT_KINDS or channel is Channel.IN_APP:
        return None
    return quiet.wait_until(now)


class LinkRefused(ValueError):
    """An unsubscribe link that is not ours, was altered, or has expired."""

    status, title, kind = 400, "Unsubscribe link not valid", "unsubscribe-link-invalid"

    @classmethod
    def invalid(cls) -> "LinkRefused":
        """A forged or altered link."""
        return cls("the link is not valid")

    @classmethod
    def expired(cls) -> "LinkRefused":
        """A link past its lifetime."""
        return LinkExpired("the link has expired: unsubscribe from your preferences instead")


class LinkExpired(LinkRefused):
    """A genuine link past its lifetime."""

    status, title, kind = 410, "Unsubscribe link expired", "unsubscribe-link-expired"
