"""Measures what each service's image adds to its base: the Dockerfile's `uv sync` into a fresh directory.

No image can be built where there is no Docker engine, so this measures the runtime stage's payload: the
virtualenv `uv sync --frozen --no-dev --no-editable --package <service>` makes with bytecode compiled
(UV_COMPILE_BYTECODE=1, as in the image), plus the service's migrations. `make image-sizes` prints a table.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from localinfra.platform import SERVICES

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def tree_bytes(path: Path) -> int:
    """Bytes of the regular files under `path` (symlinks, e.g. the venv's python, are not counted)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def payload_bytes(service: str) -> tuple[int, int]:
    """(virtualenv bytes, migrations bytes) of a service's image, installed as its Dockerfile does."""
    with tempfile.TemporaryDirectory(prefix=f"image-{service}-") as scratch:
        venv = Path(scratch) / "venv"
        env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(venv), "UV_COMPILE_BYTECODE": "1"}
        env |= {"UV_LINK_MODE": "copy", "VIRTUAL_ENV": str(venv)}
        sync = ["uv", "sync", "--frozen", "--no-dev", "--no-editable", "--package", service, "--quiet"]
        subprocess.run(sync, cwd=ROOT, env=env, check=True)
        return tree_bytes(venv), tree_bytes(ROOT / "services" / service / "migrations")


def main() -> int:
    print("| service | virtualenv (MB) | migrations (MB) | added to the base (MB) |")
    print("| --- | ---: | ---: | ---: |")
    for service in sys.argv[1:] or SERVICES:
        venv, migrations = payload_bytes(service)
        print(f"| {service} | {venv / MB:.1f} | {migrations / MB:.2f} | {(venv + migrations) / MB:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
