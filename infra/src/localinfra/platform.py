"""`make run`: Kafka, PostgreSQL, the four services and demo data on this machine; Ctrl-C stops it all."""

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from servicekit.devtoken import local_dev_token

from localinfra.demo_history import load_demo_history
from localinfra.demo_load import load_demo_data
from localinfra.kafka_config import KafkaFiles
from localinfra.pg_cluster import ClusterFiles
from localinfra.processes import clear_stale, command_line, pid_alive
from localinfra.stack import SERVICES, Platform, Ports, start

__all__ = ["SERVICES", "Platform", "Ports", "main", "run", "start", "stop"]


def print_urls(platform: Platform) -> None:
    print("\nHanoi Learning City platform is up (Ctrl-C or `make stop` stops everything):")
    for service in SERVICES:
        base = f"http://127.0.0.1:{platform.ports.http(service)}"
        print(
            f"  {service:<14} API docs {base}/docs   OpenAPI {base}/openapi.json   health {base}/health/ready"
            f"   metrics http://127.0.0.1:{platform.ports.metrics(service)}/metrics"
        )
    print(
        f"  events catalogue (AsyncAPI 3.0) http://127.0.0.1:{platform.ports.http('content')}/asyncapi.json"
    )
    leader = local_dev_token("demo-leader", ["leader"])  # in the fragment: the browser never sends it
    print(f"  dashboard http://127.0.0.1:{platform.ports.http('reporting')}/dashboard#token={leader}")
    print(f"  Kafka 127.0.0.1:{platform.ports.kafka}   PostgreSQL 127.0.0.1:{platform.ports.postgres}")
    print(f"  data: {platform.state}   logs: {platform.state / 'logs'}", flush=True)
    if platform.mail_sink:
        print(
            f"  mail sink smtp://127.0.0.1:{platform.ports.smtp}: e-mail sent in {platform.state / 'mail'}/"
        )


def run(state: Path, ports: Ports, demo: bool = True) -> int:
    """Start, load demo data (unless not `demo`), keep the services up until Ctrl-C/SIGTERM; stop it all."""
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)  # PostgreSQL runs as an unprivileged user when we are root
    (state / "platform.pid").write_text(str(os.getpid()))
    platform = Platform(state.resolve(), ports)
    stopping = False

    def on_signal(signum: int, _: object) -> None:
        nonlocal stopping
        stopping = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        started = time.monotonic()
        start(platform)
        urls = {s: f"http://127.0.0.1:{ports.http(s)}" for s in SERVICES}
        if demo:
            load_demo_data(urls)
            load_demo_history(f"127.0.0.1:{ports.kafka}", urls, platform.state)  # the dashboard's past year
        print(f"started in {time.monotonic() - started:.1f}s")
        print_urls(platform)
        while not stopping:
            for service in platform.services.values():
                service.check()
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        print("stopping ...", flush=True)
        platform.stop()
        print("stopped", flush=True)
    return 0


def stop(state: Path, timeout: float = 60) -> int:
    """Ask a running `make run` to stop and wait; then stop what a launcher that died left behind."""
    pid_file = state / "platform.pid"
    try:
        pid = int(pid_file.read_text())
    except (FileNotFoundError, ValueError):
        pid = 0
    running = pid > 0 and pid_alive(pid) and "localinfra.platform" in command_line(pid)
    if running:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and pid_alive(pid):
            time.sleep(0.2)
        if pid_alive(pid):
            return 1
    pid_file.unlink(missing_ok=True)
    orphans = _stop_orphans(state.resolve())
    if orphans:
        print(f"stopped {', '.join(orphans)} (left by a launcher that died)")
    print("stopped" if running or orphans else "nothing to stop")
    return 0


def _stop_orphans(state: Path) -> list[str]:
    """Each server recorded in the state directory that still runs (checked by its command line)."""
    kafka, postgres = KafkaFiles(state / "kafka"), ClusterFiles(state / "postgres")
    recorded = [(state / f"{s}.pid", f"-m {s} serve", signal.SIGTERM, s) for s in SERVICES]
    recorded += [
        (kafka.pid_file, str(kafka.server_properties), signal.SIGTERM, "kafka"),
        (postgres.pid_file, str(postgres.pgdata), signal.SIGINT, "postgresql"),
    ]
    return [name for pid_file, marker, sig, name in recorded if clear_stale(pid_file, marker, sig, grace=15)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m localinfra.platform")
    parser.add_argument("command", choices=["run", "stop"])
    parser.add_argument("--state", type=Path, default=Path(".state"))
    parser.add_argument("--kafka-port", type=int, default=Ports.kafka)
    parser.add_argument("--controller-port", type=int, default=Ports.controller)
    parser.add_argument("--postgres-port", type=int, default=Ports.postgres)
    parser.add_argument("--http-base-port", type=int, default=Ports.http_base)
    parser.add_argument("--metrics-base-port", type=int, default=Ports.metrics_base)
    parser.add_argument("--smtp-port", type=int, default=Ports.smtp)
    parser.add_argument("--no-demo", action="store_true", help="start without demo data")
    args = parser.parse_args(argv)
    if args.command == "stop":
        return stop(args.state)
    ports = Ports(
        args.kafka_port,
        args.controller_port,
        args.postgres_port,
        args.http_base_port,
        args.metrics_base_port,
        args.smtp_port,
    )
    return run(args.state, ports, demo=not args.no_demo)


if __name__ == "__main__":
    sys.exit(main())
