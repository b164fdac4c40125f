"""Two database roles: migrations run as the owner, the application as a runtime role
that cannot UPDATE, DELETE or TRUNCATE audit rows (security.md C3). See docs/operations.md.
"""

import os

from django.apps import apps
from django.db import connection

RUNTIME_ROLE = os.environ.get("FAZHI_DB_RUNTIME_ROLE", "fazhi_app")


def audit_tables() -> list[str]:
    """pghistory event tables and the access-event log."""
    import pghistory.models

    tables = [
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, pghistory.models.Event)
        and not model._meta.proxy
        and model._meta.managed
    ]
    tables.append(apps.get_model("core", "AccessEvent")._meta.db_table)
    return sorted(set(tables))


def grant_runtime_role(role: str = RUNTIME_ROLE) -> list[str]:
    """Create the runtime role if needed and (re)apply its grants. Returns the audit tables."""
    quoted = connection.ops.quote_name(role)
    tables = audit_tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE ROLE {quoted} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {quoted}")
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}"
        )
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}")
        cursor.execute(f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {quoted}")
        for table in tables:
            cursor.execute(
                f"REVOKE UPDATE, DELETE, TRUNCATE ON {connection.ops.quote_name(table)} FROM {quoted}"
            )
    return tables


def grant_runtime_role_after_migrate(sender, using="default", **kwargs):
    if connection.vendor == "postgresql" and _may_create_roles():
        grant_runtime_role()


def _may_create_roles() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
        )
        row = cursor.fetchone()
    return bool(row and row[0])
