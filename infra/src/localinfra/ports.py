"""Free loopback TCP ports for servers started without fixed ports."""

import socket
from contextlib import ExitStack


def free_ports(count: int) -> list[int]:
    """Distinct ports on 127.0.0.1 that nothing listens on right now (held together, so never equal)."""
    with ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]


def free_port() -> int:
    """One free port on 127.0.0.1."""
    return free_ports(1)[0]
