"""Generates the committed catalogue (one JSON Schema per event version and the AsyncAPI document).

Usage: ``python -m contracts.catalogue`` writes the files; ``--check`` exits 1 listing stale files.
"""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from contracts.asyncapi import asyncapi_document
from contracts.event_schema import dump_json, event_schema
from contracts.registry import all_events

CONTRACTS_ROOT = Path(__file__).resolve().parents[2]
"""The ``contracts/`` project directory (holds ``schemas/``, ``published/`` and ``asyncapi.json``)."""
SCHEMAS_DIR = "schemas"
ASYNCAPI_FILE = "asyncapi.json"


def generated_files() -> dict[str, str]:
    """Every generated file: path relative to the contracts root -> exact text."""
    files = {f"{SCHEMAS_DIR}/{cls.ce_type}.json": dump_json(event_schema(cls)) for cls in all_events()}
    files[ASYNCAPI_FILE] = dump_json(asyncapi_document())
    return files


def _orphans(root: Path, expected: dict[str, str]) -> list[str]:
    """Schema files of event versions that no longer exist."""
    found = (f"{SCHEMAS_DIR}/{path.name}" for path in (root / SCHEMAS_DIR).glob("*.json"))
    return [name for name in found if name not in expected]


def stale_files(root: Path = CONTRACTS_ROOT) -> list[str]:
    """Committed files that differ from what would be generated, are missing, or should not exist."""
    expected = generated_files()
    differing = [
        name
        for name, text in expected.items()
        if not (root / name).is_file() or (root / name).read_text(encoding="utf-8") != text
    ]
    return sorted(differing + _orphans(root, expected))


def write_files(root: Path = CONTRACTS_ROOT) -> list[str]:
    """Write the generated files that changed and delete orphans; returns the paths touched."""
    expected = generated_files()
    touched = stale_files(root)
    for name in touched:
        path = root / name
        if name in expected:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(expected[name], encoding="utf-8")
        else:
            path.unlink()
    return touched


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m contracts.catalogue", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if committed files are stale")
    parser.add_argument("--root", type=Path, default=CONTRACTS_ROOT, help="the contracts/ directory")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files(args.root)
        for name in stale:
            print(f"stale: {name}", file=sys.stderr)
        if stale:
            print("run: python -m contracts.catalogue", file=sys.stderr)
        return 1 if stale else 0
    for name in write_files(args.root):
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
