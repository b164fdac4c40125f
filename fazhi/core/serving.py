"""How many database connections the web server may hold, checked before it serves.

A gunicorn thread holds at most one persistent connection (`CONN_MAX_AGE`), so the web
server holds at most workers × threads. That must fit in the server's `max_connections`
after its reserved slots and a margin for the rest of the platform (migrations, `manage.py`
jobs, backups, psql): `runserver` opens a thread per request and exhausted 100 connections
at 20 clients, which is why `make run` serves with gunicorn and this check.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

# connections left for everything that is not the web server (cron jobs, imports run from
# manage.py, migrations, backups, an administrator's psql)
OPERATIONS_MARGIN = 10


@dataclass(frozen=True)
class ConnectionBudget:
    max_connections: int
    reserved: int  # superuser_reserved_connections (+ reserved_connections on PostgreSQL 16+)

    @property
    def for_web(self) -> int:
        return self.max_connections - self.reserved - OPERATIONS_MARGIN

    def refusal(self, workers: int, threads: int) -> str | None:
        """The Chinese reason the web server must not start with this many threads, or None."""
        wanted = workers * threads
        if wanted <= self.for_web:
            return None
        return (
            f"Web 服务需要 {workers} 个进程 × {threads} 个线程 = {wanted} 个数据库连接，"
            f"而数据库 max_connections = {self.max_connections}，扣除保留的 {self.reserved} 个"
            f"和运维预留的 {OPERATIONS_MARGIN} 个后只剩 {self.for_web} 个。"
            "请减少 WORKERS/THREADS，或调大数据库的 max_connections，或在前面加 PgBouncer。"
        )


def server_budget() -> ConnectionBudget:
    """The database server's own limits, read from its settings."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int,"
            " current_setting('superuser_reserved_connections')::int"
            " + coalesce(current_setting('reserved_connections', true)::int, 0)"
        )
        max_connections, reserved = cursor.fetchone()
    return ConnectionBudget(max_connections=max_connections, reserved=reserved)


def check_web_connections(workers: int, threads: int) -> None:
    """Refuse to serve when workers × threads could exhaust the database's connections."""
    reason = server_budget().refusal(workers, threads)
    connection.close()  # the check runs in gunicorn's master: no connection crosses a fork
    if reason:
        raise ImproperlyConfigured(reason)
