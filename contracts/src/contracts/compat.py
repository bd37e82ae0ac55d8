"""Compatibility gate: within a major version an event schema may only change additively.

Usage: ``python -m contracts.compat`` compares every frozen baseline in ``published/`` with the schema
the current model generates and exits 1 listing breaking changes; ``--publish`` adds missing baselines.
"""

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from contracts.catalogue import CONTRACTS_ROOT
from contracts.classification import DataCategory, DataClassification
from contracts.event_schema import Schema, dump_json, event_schema
from contracts.registry import all_events, resolve
from contracts.rejections import RejectedEvent
from contracts.schema_diff import SchemaDiff

PUBLISHED_DIR = "published"
_LABEL_ORDERS: dict[str, tuple[str, ...]] = {
    "x-classification": tuple(DataClassification),
    "x-category": tuple(DataCategory),
}
"""Data labels in increasing sensitivity; raising one is a breaking change."""


def check_compatible(old: Schema, new: Schema) -> list[str]:
    """Breaking changes from the published schema ``old`` to the current schema ``new``; [] if none."""
    return _label_problems(old, new) + SchemaDiff(old, new).compare(old, new, "")


def _label_problems(old: Schema, new: Schema) -> list[str]:
    """Changes of the ``x-`` labels that break consumers: another type or topic, more sensitive data."""
    problems = [
        f"{key} changed from {old[key]!r} to {new.get(key)!r}"
        for key in ("x-ce-type", "x-topic")
        if key in old and old[key] != new.get(key)
    ]
    for key, order in _LABEL_ORDERS.items():
        before, after = old.get(key), new.get(key)
        if before in order and after in order and order.index(after) > order.index(before):
            problems.append(f"{key} raised from {before} to {after}; consumers may not be cleared for it")
    return problems


def _baseline_path(root: Path, ce_type: str) -> Path:
    return root / PUBLISHED_DIR / f"{ce_type}.json"


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def check_published(root: Path = CONTRACTS_ROOT) -> list[str]:
    """Every breaking change against the published baselines, each prefixed with its event type."""
    problems: list[str] = []
    for path in sorted((root / PUBLISHED_DIR).glob("*.json")):
        ce_type = path.name.removesuffix(".json")
        try:
            cls = resolve(ce_type)
        except RejectedEvent as exc:
            problems.append(f"{ce_type}: published event type is missing from the registry ({exc.reason})")
            continue
        problems += [f"{ce_type}: {problem}" for problem in check_compatible(_load(path), event_schema(cls))]
    return problems


def unpublished(root: Path = CONTRACTS_ROOT) -> list[str]:
    """Registered event versions that have no baseline yet."""
    return [cls.ce_type for cls in all_events() if not _baseline_path(root, cls.ce_type).exists()]


def publish(root: Path = CONTRACTS_ROOT) -> list[str]:
    """Freeze the current schema of every unpublished event version; never overwrites a baseline."""
    published = unpublished(root)
    for ce_type in published:
        path = _baseline_path(root, ce_type)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:
            file.write(dump_json(event_schema(resolve(ce_type))))
    return published


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m contracts.compat", description=__doc__)
    parser.add_argument("--publish", action="store_true", help="add baselines for new event versions")
    parser.add_argument("--root", type=Path, default=CONTRACTS_ROOT, help="the contracts/ directory")
    args = parser.parse_args(argv)
    problems = check_published(args.root)
    for problem in problems:
        print(f"incompatible: {problem}", file=sys.stderr)
    if problems:
        print("breaking changes need a new major version (a new event module, published side by side)")
        return 1
    if args.publish:
        for ce_type in publish(args.root):
            print(f"published baseline {PUBLISHED_DIR}/{ce_type}.json")
    for ce_type in unpublished(args.root):
        print(f"note: {ce_type} has no baseline yet; run with --publish when it is released")
    return 0


if __name__ == "__main__":
    sys.exit(main())
