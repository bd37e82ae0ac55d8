"""The on-disk PostgreSQL cluster: data dir layout, initdb, client authentication and server settings."""

import os
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

from localinfra.errors import InfraError
from localinfra.pg_runtime import RunAs

SUPERUSER = "postgres"
_HBA = """\
# written by localinfra: password logins over IPv4 loopback only
host all all 127.0.0.1/32 scram-sha-256
"""


@dataclass(frozen=True)
class ClusterFiles:
    """Where one server's files live: ``pgdata`` belongs to the PostgreSQL user, the rest to the caller."""

    data_dir: Path

    @property
    def pgdata(self) -> Path:
        return self.data_dir / "pgdata"

    @property
    def pid_file(self) -> Path:
        return self.data_dir / "postgres.pid"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "postgres.log"

    @property
    def password_file(self) -> Path:
        return self.data_dir / "superuser.password"


def superuser_password(files: ClusterFiles) -> str:
    """The superuser's password, generated on first use and kept (mode 0600) next to the cluster."""
    if files.password_file.exists():
        return files.password_file.read_text().strip()
    if (files.pgdata / "PG_VERSION").exists():
        raise InfraError(f"{files.pgdata} exists but {files.password_file} is gone; delete the data dir")
    password = secrets.token_urlsafe(24)
    files.data_dir.mkdir(parents=True, exist_ok=True)
    files.password_file.touch(mode=0o600)
    files.password_file.write_text(password + "\n")
    return password


def prepare(files: ClusterFiles, bin_dir: Path, user: RunAs | None, password: str, fast: bool) -> None:
    """Create and initdb ``pgdata`` if it is empty, then (re)write pg_hba.conf."""
    files.pgdata.mkdir(parents=True, exist_ok=True, mode=0o700)
    files.log_file.parent.mkdir(parents=True, exist_ok=True)
    if user is not None:
        user.own(files.pgdata)
        if not user.can("-w", str(files.pgdata)):
            raise InfraError(
                f"user {user.name} cannot reach {files.pgdata}: pick a data dir outside /root "
                "(e.g. under /tmp or the repository) or give its parent directories o+x"
            )
    if not (files.pgdata / "PG_VERSION").exists():
        if any(files.pgdata.iterdir()):
            raise InfraError(f"{files.pgdata} is neither empty nor a PostgreSQL data directory")
        _initdb(files, bin_dir, user, password, fast)
    hba = files.pgdata / "pg_hba.conf"
    hba.write_text(_HBA)
    if user is not None:
        user.own(hba)


def server_argv(
    files: ClusterFiles, bin_dir: Path, port: int, fast: bool, max_connections: int = 100
) -> list[str]:
    """``postgres`` listening on 127.0.0.1 only, no unix socket, small memory; ``fast`` trades durability."""
    settings = {
        "listen_addresses": "127.0.0.1",
        "port": str(port),
        "unix_socket_directories": "",
        "shared_buffers": "32MB",
        "max_connections": str(max_connections),
        "password_encryption": "scram-sha-256",
    }
    if fast:
        settings |= {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
    flags = [part for key, value in settings.items() for part in ("-c", f"{key}={value}")]
    return [str(bin_dir / "postgres"), "-D", str(files.pgdata), *flags]


def server_env() -> dict[str, str]:
    """A small, predictable environment for initdb and postgres (no inherited PG* variables)."""
    return {"PATH": os.defpath, "LC_ALL": "C", "TZ": "UTC"}


def _initdb(files: ClusterFiles, bin_dir: Path, user: RunAs | None, password: str, fast: bool) -> None:
    pwfile = files.data_dir / ".initdb-password"
    pwfile.touch(mode=0o600)
    pwfile.write_text(password + "\n")
    if user is not None:
        user.own(pwfile)
    command = [str(bin_dir / "initdb"), "-D", str(files.pgdata), "-U", SUPERUSER, f"--pwfile={pwfile}"]
    command += ["--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions"]
    command += ["--locale-provider=builtin", "--builtin-locale=C.UTF-8", *(["--no-sync"] if fast else [])]
    try:
        result = subprocess.run(
            user.wrap(command) if user else command,
            capture_output=True,
            text=True,
            env=server_env(),
            timeout=120,
            check=False,
        )
    finally:
        pwfile.unlink(missing_ok=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-4000:]
        raise InfraError(f"initdb failed (exit {result.returncode}):\n{output}")
