"""CloudNativePG resources: one PostgreSQL cluster per service, its two roles, and (prod) its backups."""

from typing import Any

Manifest = dict[str, Any]
BACKUP_SCHEDULE = "0 0 1 * * *"  # daily at 01:00 (CloudNativePG's six-field cron), WAL archived continuously


def _runtime_grants(name: str) -> list[str]:
    """The runtime role may read and write rows only, also of tables later migrations create.
    Mirrors deploy/postgres/init-service-databases.sh and localinfra.pg_roles."""
    owner = f"{name}_owner"
    return [
        f"DO $$ BEGIN CREATE ROLE {name} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        f"ALTER SCHEMA public OWNER TO {owner}",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public TO {name}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {name}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {name}",
    ]


def cluster(name: str) -> Manifest:
    """The service's own PostgreSQL: database `<name>` owned by `<name>_owner`; `<name>` is the runtime role.
    The operator makes its CA (secret `<name>-db-ca`), which the services use to verify the server."""
    bootstrap = {
        "database": name,
        "owner": f"{name}_owner",
        "secret": {"name": f"{name}-db-owner"},
        "postInitApplicationSQL": _runtime_grants(name),
    }
    runtime_role = {
        "name": name,
        "ensure": "present",
        "login": True,
        "inherit": True,
        "passwordSecret": {"name": f"{name}-db-runtime"},
    }
    spec = {
        "instances": 3,
        "imageName": "ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie",
        "storage": {"size": "20Gi"},
        "bootstrap": {"initdb": bootstrap},
        "managed": {"roles": [runtime_role]},
        "resources": {
            "requests": {"cpu": "250m", "memory": "512Mi"},
            "limits": {"cpu": "1", "memory": "1Gi"},
        },
    }
    return {
        "apiVersion": "postgresql.cnpg.io/v1",
        "kind": "Cluster",
        "metadata": {"name": f"{name}-db"},
        "spec": spec,
    }


def scheduled_backup(name: str) -> Manifest:
    """A daily base backup of the service's cluster to its object store (prod overlay)."""
    spec = {
        "schedule": BACKUP_SCHEDULE,
        "cluster": {"name": f"{name}-db"},
        "backupOwnerReference": "self",
        "method": "barmanObjectStore",
        "immediate": True,
    }
    return {
        "apiVersion": "postgresql.cnpg.io/v1",
        "kind": "ScheduledBackup",
        "metadata": {"name": f"{name}-db-daily"},
        "spec": spec,
    }
