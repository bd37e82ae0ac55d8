"""Fresh copies of the projection tables in a schema of their own, swapped in with one transaction."""

import asyncpg

PROJECTIONS = (
    *("learner_dimensions", "enrolment_facts", "enrolment_records", "support_grant_facts"),
    "activity_facts",  # city.learning-activity (xAPI statements' activity included) and city.attendance
    *("offering_dimensions", "teacher_attainments", "message_facts"),
)
"""The tables a rebuild replaces; everything else stays as it is: inbox, outbox, holds, the published
snapshots (dated figures never change) and the xAPI statements (the statement store of record, not a
projection: their activity reaches the topic through the outbox and is replayed from there)."""


async def create_shadow(conn: asyncpg.Connection, schema: str) -> None:
    """An empty schema with each projection table's columns, keys and indexes (as the schema's owner)."""
    await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE; CREATE SCHEMA "{schema}"')
    for table in PROJECTIONS:
        await conn.execute(f'CREATE TABLE "{schema}".{table} (LIKE public.{table} INCLUDING ALL)')


async def swap_in(conn: asyncpg.Connection, schema: str) -> None:
    """In one transaction: the rebuilt tables become the live ones, with the live tables' grants; the old
    ones are dropped. Readers and the live consumer wait on the table locks for the moment it takes."""
    retired = f"{schema}_retired"
    async with conn.transaction():
        await conn.execute(f'CREATE SCHEMA "{retired}"')
        for table in PROJECTIONS:
            grantees = await conn.fetch(
                "SELECT DISTINCT grantee FROM information_schema.role_table_grants"
                " WHERE table_schema = 'public' AND table_name = $1 AND grantee <> current_user",
                table,
            )
            await conn.execute(f'ALTER TABLE public.{table} SET SCHEMA "{retired}"')
            await conn.execute(f'ALTER TABLE "{schema}".{table} SET SCHEMA public')
            for row in grantees:  # the service's runtime role reads and writes rows, as before
                await conn.execute(
                    f'GRANT SELECT, INSERT, UPDATE, DELETE ON public.{table} TO "{row["grantee"]}"'
                )
        await conn.execute(f'DROP SCHEMA "{retired}" CASCADE; DROP SCHEMA "{schema}" CASCADE')
