"""The platform's database sessions: PostgreSQL only, and without JIT."""

import pytest
from django.db import connection

from config.database import database_config


@pytest.mark.django_db
def test_the_platforms_sessions_run_without_jit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_options_given_in_the_url_are_kept(monkeypatch):
    monkeypatch.setenv(
        "DATABASE_URL", "postgresql://u@127.0.0.1:5432/x?options=-c%20statement_timeout%3D5000"
    )
    options = database_config()["OPTIONS"]["options"]
    assert "statement_timeout=5000" in options and "jit=off" in options
