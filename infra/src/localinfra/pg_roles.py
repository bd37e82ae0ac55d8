"""A service's two roles: ``<name>_owner`` owns its database and schema (migrations), ``<name>`` only
reads and writes rows (serving). Statements are ``format()`` templates: %1$I the owner, %2$I the runtime
role, %3$I the database."""

OWNER_SUFFIX = "_owner"

# Run on the server's maintenance database as the superuser, after both roles exist.
DATABASE_PRIVILEGES = (
    "ALTER DATABASE %3$I OWNER TO %1$I",
    # nobody but the two roles may connect; TEMPORARY and CREATE are the owner's alone
    "REVOKE ALL ON DATABASE %3$I FROM PUBLIC",
    "REVOKE ALL ON DATABASE %3$I FROM %2$I",
    "GRANT CONNECT ON DATABASE %3$I TO %2$I",
)

# Run inside the service's database as the superuser.
SCHEMA_PRIVILEGES = (
    # a database made before the split has its tables owned by the runtime role: hand them over
    "REASSIGN OWNED BY %2$I TO %1$I",
    "ALTER SCHEMA public OWNER TO %1$I",
    "REVOKE ALL ON SCHEMA public FROM PUBLIC",
    "GRANT USAGE ON SCHEMA public TO %2$I",
    # tables and sequences that later migrations create (as the owner) are covered too
    "ALTER DEFAULT PRIVILEGES FOR ROLE %1$I IN SCHEMA public"
    " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %2$I",
    "ALTER DEFAULT PRIVILEGES FOR ROLE %1$I IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %2$I",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %2$I",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %2$I",
)


def owner_of(name: str) -> str:
    """The owner (migration) role of service database ``name``."""
    return name + OWNER_SUFFIX
