"""Applies the kit's and a service's numbered SQL migrations with yoyo."""

from pathlib import Path

from yoyo import get_backend, read_migrations

KIT_MIGRATIONS = Path(__file__).parent / "migrations"


def _yoyo_url(dsn: str) -> str:
    scheme, rest = dsn.split("://", 1)
    if scheme not in ("postgres", "postgresql"):
        raise ValueError(f"unsupported database URL scheme {scheme!r}")
    return f"postgresql+psycopg://{rest}"


def apply_migrations(dsn: str, service_migrations: Path) -> list[str]:
    """Apply pending migrations (kit first, then the service's); return the ids applied."""
    backend = get_backend(_yoyo_url(dsn))
    migrations = read_migrations(str(KIT_MIGRATIONS), str(service_migrations))
    with backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return [m.id for m in pending]
