"""Free loopback TCP ports for servers started without fixed ports, outside the kernel's ephemeral range."""

import random
import socket
from contextlib import ExitStack
from pathlib import Path

_LOWEST = 10_000  # below this live well-known and registered services
_RANGE_FILE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def ephemeral_range() -> tuple[int, int]:
    """The ports the kernel hands to outgoing connections (Linux default 32768-60999)."""
    try:
        low, high = (int(part) for part in _RANGE_FILE.read_text().split())
    except (OSError, ValueError):
        return 32768, 60999
    return low, high


def free_ports(count: int, *, consecutive: bool = False) -> list[int]:
    """Distinct ports on 127.0.0.1 that nothing listens on right now (``consecutive``: a run of them).

    Never from the ephemeral range: a port picked there can become some client's source port before our
    server binds it ("address already in use"). The sockets are held while picking, so no two are equal.
    """
    with ExitStack() as stack:
        for _ in range(500):
            ports = _candidates(count, consecutive)
            held = [_try_bind(stack, port) for port in ports]
            if all(held):
                return ports
            for sock in filter(None, held):
                sock.close()
    raise OSError(f"no {count} free ports outside the ephemeral range")


def free_port() -> int:
    """One free port on 127.0.0.1."""
    return free_ports(1)[0]


def _candidates(count: int, consecutive: bool) -> list[int]:
    low, high = ephemeral_range()
    spans = [(a, b) for a, b in ((_LOWEST, low - 1), (high + 1, 65535)) if b - a >= count]
    start, end = random.choice(spans)
    if consecutive:
        base = random.randint(start, end - count + 1)
        return list(range(base, base + count))
    return random.sample(range(start, end + 1), count)


def _try_bind(stack: ExitStack, port: int) -> socket.socket | None:
    sock = stack.enter_context(socket.socket())
    try:
        sock.bind(("127.0.0.1", port))
    except OSError:
        sock.close()
        return None
    return sock
