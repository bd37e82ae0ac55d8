"""The broker ACLs that follow from the declared rights: one allow-grant per principal, operation, resource.

Everything not granted here is refused (the broker runs with ``allow.everyone.if.no.acl.found=false``).
Topics are created by the operator, so no principal is granted CREATE; ``WRITE`` on a topic also covers
idempotent producing (KIP-679), so no cluster-wide grant is needed either.
"""

from dataclasses import dataclass
from typing import Literal

from contracts.rights import TOPIC_RIGHTS, principal

Operation = Literal["READ", "WRITE", "DESCRIBE"]
ResourceKind = Literal["topic", "group"]


@dataclass(frozen=True, order=True)
class Grant:
    """``User:<principal>`` may do ``operation`` on the named topic or consumer group (literal name)."""

    principal: str
    resource: ResourceKind
    name: str
    operation: Operation


def grants(prefix: str = "") -> tuple[Grant, ...]:
    """Every grant, sorted; ``prefix`` goes before topic and group names (test isolation, as in the kit)."""
    found: set[Grant] = set()
    for rights in TOPIC_RIGHTS:
        topic, dead_letter = prefix + rights.topic, prefix + rights.dead_letter
        for writer in rights.writers:
            found |= _topic_grants(writer, topic, ("WRITE", "DESCRIBE"))
        for reader in rights.consumers:
            found |= _topic_grants(reader, topic, ("READ", "DESCRIBE"))
            found |= _topic_grants(reader, dead_letter, ("WRITE", "DESCRIBE"))
            found.add(Grant(reader, "group", prefix + principal(reader).group, "READ"))
    return tuple(sorted(found))


def _topic_grants(who: str, topic: str, operations: tuple[Operation, ...]) -> set[Grant]:
    return {Grant(who, "topic", topic, operation) for operation in operations}


def grant_table() -> str:
    """The grants as a Markdown table, for ``docs/security-kafka.md``."""
    rows = ["| principal | resource | name | operations |", "| --- | --- | --- | --- |"]
    by_resource: dict[tuple[str, str, str], list[str]] = {}
    for grant in grants():
        by_resource.setdefault((grant.principal, grant.resource, grant.name), []).append(grant.operation)
    for (who, kind, name), operations in by_resource.items():
        rows.append(f"| User:{who} | {kind} | `{name}` | {', '.join(sorted(operations))} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(grant_table())
