"""Writes each service's OpenAPI document to docs/openapi/ for front-end teams; --check finds stale ones."""

import argparse
import importlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from localinfra.platform import SERVICES

OUT = Path(__file__).resolve().parents[3] / "docs" / "openapi"


def documents() -> dict[str, str]:
    """File name → JSON text of every service's OpenAPI document (built without connecting anywhere)."""
    docs = {}
    for service in SERVICES:
        os.environ.setdefault(f"{service.upper()}_DATABASE_URL", "postgresql://unused@127.0.0.1/unused")
        bootstrap: Any = importlib.import_module(f"{service}.bootstrap").bootstrap
        spec = bootstrap().app.openapi()
        docs[f"{service}.json"] = json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return docs


def stale(out: Path = OUT) -> list[str]:
    """Names of committed documents that differ from the current apps."""
    return [n for n, text in documents().items() if not (out / n).exists() or (out / n).read_text() != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m localinfra.openapi_export")
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed document is stale")
    args = parser.parse_args(argv)
    if args.check:
        names = stale()
        for name in names:
            print(f"stale: docs/openapi/{name} (run make openapi)", file=sys.stderr)
        return 1 if names else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in documents().items():
        (OUT / name).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
