"""A per-channel send rate (aiolimiter's leaky bucket), so a campaign never exceeds a provider's quota."""

from aiolimiter import AsyncLimiter

from notifications.app.outside_ports import ChannelSender, Closable
from notifications.domain.delivery import Outgoing


class RateLimited:
    """Wraps a channel: at most `per_second` sends per second from this process."""

    def __init__(self, channel: ChannelSender, per_second: float) -> None:
        self._channel = channel
        self._limiter = AsyncLimiter(per_second, 1.0)

    async def send(self, item: Outgoing) -> None:
        """Wait for the channel's turn, then send."""
        async with self._limiter:
            await self._channel.send(item)

    async def close(self) -> None:
        """Close the wrapped channel's connections, if it keeps any."""
        if isinstance(self._channel, Closable):
            await self._channel.close()
