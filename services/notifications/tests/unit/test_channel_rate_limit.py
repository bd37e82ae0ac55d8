"""A channel's send rate: a burst beyond the provider's quota waits its turn instead of going out at once."""

import asyncio
import time
import uuid

from notifications.adapters.channels.rate_limit import RateLimited
from notifications.domain.contacts import Channel
from notifications.domain.delivery import Outgoing


class Recording:
    """A channel that records when each send reached it."""

    def __init__(self) -> None:
        self.at: list[float] = []

    async def send(self, item: Outgoing) -> None:
        self.at.append(time.monotonic())


def outgoing() -> Outgoing:
    return Outgoing(uuid.uuid4(), Channel.SMS, "+84912345678", "", "Lịch học ngày mai")


async def test_a_burst_three_times_the_rate_is_spread_over_two_seconds_and_every_send_goes_out():
    channel = Recording()
    limited = RateLimited(channel, per_second=50)
    started = time.monotonic()

    await asyncio.gather(*(limited.send(outgoing()) for _ in range(150)))

    assert len(channel.at) == 150  # nothing dropped
    # a leaky bucket of 50/s lets 50 through at once and the other 100 at 50/s: it cannot finish sooner
    assert channel.at[-1] - started >= 1.9
    first_second = [t for t in channel.at if t - started < 1.0]
    assert len(first_second) <= 100  # the burst allowance and one second's rate, never the whole 150
