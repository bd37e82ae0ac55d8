"""Which process serves a connection, and whether anything listens on a port: read from /proc (Linux)."""

import http.client
import json
import os
from collections.abc import Callable
from typing import Any

Pids = Callable[[], list[int]]  # the service's processes, asked again each time (workers may come and go)


def serving_pid(port: int, client_port: int, pids: list[int]) -> int | None:
    """Which of ``pids`` holds the server end of the connection from ``client_port``."""
    local, remote = f"0100007F:{port:04X}", f"0100007F:{client_port:04X}"
    with open("/proc/net/tcp") as table:
        sockets = {f"socket:[{f.split()[9]}]" for f in table if f.split()[1:3] == [local, remote]}
    for pid in pids:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") in sockets:
                    return pid
            except FileNotFoundError:
                continue
    return None


def listening(port: int) -> bool:
    """A socket in LISTEN state on ``port`` (whoever holds it)."""
    with open("/proc/net/tcp") as table:
        return any(f.split()[1].endswith(f":{port:04X}") and f.split()[3] == "0A" for f in list(table)[1:])


def call(conn: http.client.HTTPConnection, method: str, path: str, body: Any = None, **headers: str) -> Any:
    """(status, JSON body) of one request on ``conn`` (kept alive: the same process answers the next)."""
    content = None if body is None else json.dumps(body)
    conn.request(method, path, content, {"Content-Type": "application/json", **headers})
    response = conn.getresponse()
    return response.status, json.loads(response.read() or b"null")


def served_by(port: int, pids: Pids, conn: http.client.HTTPConnection) -> int:
    """The process that accepted ``conn``."""
    pid = serving_pid(port, conn.sock.getsockname()[1], pids())
    assert pid is not None
    return pid


def live_on_new_connection(port: int, pids: Pids) -> int:
    """GET /health/live on a new connection; the pid that served it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        assert call(conn, "GET", "/health/live")[0] == 200
        return served_by(port, pids, conn)
    finally:
        conn.close()


def connection_to(port: int, pids: Pids, pid: int, tries: int = 200) -> http.client.HTTPConnection:
    """A kept-alive connection that process ``pid`` accepted (the kernel chooses: try new ones)."""
    for _ in range(tries):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        assert call(conn, "GET", "/health/live")[0] == 200
        if served_by(port, pids, conn) == pid:
            return conn
        conn.close()
    raise AssertionError(f"process {pid} accepted none of {tries} connections")
