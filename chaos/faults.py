"""The faults, one at a time: kill -9 of services, the broker or PostgreSQL stopped and started, poison.

Each `inject` returns when the fault is over (the process killed, the server answering again, the poison
sent); the platform must then recover by itself."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from poison import Poisoned, inject
from stage import Stage

Inject = Callable[[Stage, Poisoned], Awaitable[None]]


@dataclass(frozen=True)
class Fault:
    """A named fault and how to cause it."""

    name: str
    inject: Inject


def _kill(services: list[str]) -> Inject:
    async def kill(stage: Stage, _: Poisoned) -> None:
        for service in services:
            stage.kill(service)

    return kill


def _broker(outage: float) -> Inject:
    """The broker stopped for `outage` s; enrolment is killed meanwhile and notifications as the broker comes
    back, so both start again while Kafka is away or recovering (they must become ready by themselves)."""

    async def restart(stage: Stage, _: Poisoned) -> None:
        await asyncio.to_thread(stage.stop_kafka)
        stage.kill("enrolment")
        await asyncio.sleep(outage)
        starting = asyncio.create_task(asyncio.to_thread(stage.start_kafka))
        await asyncio.sleep(1.0)
        stage.kill("notifications")
        await starting

    return restart


def _postgres(outage: float) -> Inject:
    async def restart(stage: Stage, _: Poisoned) -> None:
        await asyncio.to_thread(stage.stop_postgres)
        await asyncio.sleep(outage)
        await asyncio.to_thread(stage.start_postgres)

    return restart


async def _poison(stage: Stage, poisoned: Poisoned) -> None:
    await inject(stage.kafka, poisoned)


def fault(spec: str, outage: float) -> Fault:
    """`kill:<service>[+<service>]`, `kafka`, `postgres` or `poison`."""
    if spec.startswith("kill:"):
        services = spec.removeprefix("kill:").split("+")
        return Fault(f"kill -9 {' + '.join(services)}", _kill(services))
    if spec == "kafka":
        return Fault(
            f"Kafka broker stopped {outage:g} s, restarted (2 services started meanwhile)", _broker(outage)
        )
    if spec == "postgres":
        return Fault(f"PostgreSQL stopped {outage:g} s, restarted", _postgres(outage))
    if spec == "poison":
        return Fault("poison (bad JSON, unknown major, no headers) into every consumed topic", _poison)
    raise ValueError(f"unknown fault {spec!r}: kill:<service>[+<service>], kafka, postgres or poison")
