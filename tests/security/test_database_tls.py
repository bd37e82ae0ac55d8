"""``sslmode`` and ``sslrootcert`` in a service's database URLs are honoured by asyncpg and the migrations."""

import pytest
from localinfra.kafka_tls import create_ca
from servicekit.db import create_pool
from servicekit.migrations import apply_migrations

pytestmark = pytest.mark.integration


def _with(dsn: str, query: str) -> str:
    return f"{dsn}?{query}"


async def test_sslmode_disable_connects_both_the_runtime_and_the_migrations(fresh_database, tmp_path) -> None:
    database = await fresh_database("tls")

    applied = apply_migrations(_with(database.migration, "sslmode=disable"), tmp_path)
    pool = await create_pool(_with(database.runtime, "sslmode=disable"), max_size=1)
    try:
        assert await pool.fetchval("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") is False
    finally:
        await pool.close()
    assert "0001_kit_outbox_inbox" in applied


@pytest.mark.parametrize("mode", ["require", "verify-ca", "verify-full"])
async def test_sslmode_requiring_tls_refuses_a_server_without_it_instead_of_connecting_in_clear(
    fresh_database, tmp_path, mode
) -> None:
    # The harness's PostgreSQL (a wheel built without OpenSSL) cannot serve TLS: it stands for a server
    # or a man in the middle that answers in clear; sslrootcert is read as it would be in production.
    database = await fresh_database("tls")
    query = f"sslmode={mode}&sslrootcert={create_ca(tmp_path / 'ca').cafile}"

    with pytest.raises(ConnectionError, match="rejected SSL"):
        await create_pool(_with(database.runtime, query), max_size=1)
    with pytest.raises(Exception, match="server does not support SSL") as refused:
        apply_migrations(_with(database.migration, query), tmp_path)
    assert type(refused.value).__name__ == "OperationalError"
