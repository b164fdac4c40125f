"""The web server's connection budget: workers × threads must fit in the database's connections."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from fazhi.core.serving import ConnectionBudget, server_budget

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def test_a_budget_of_100_connections_with_3_reserved_leaves_87_for_the_web():
    budget = ConnectionBudget(max_connections=100, reserved=3)
    assert budget.refusal(workers=2, threads=4) is None
    assert budget.refusal(workers=87, threads=1) is None
    refusal = budget.refusal(workers=22, threads=4)
    assert "22 个进程 × 4 个线程 = 88 个数据库连接" in refusal
    assert "只剩 87 个" in refusal


@pytest.mark.django_db
def test_the_budget_is_read_from_the_server():
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        expected = int(cursor.fetchone()[0])
    assert server_budget().max_connections == expected


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn(port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [str(GUNICORN), "config.wsgi:application", "-c", "config/gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    command += ["--threads", str(threads)]
    env = {**os.environ, "FAZHI_DEBUG": "0"}
    return subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)


@pytest.mark.django_db
def test_gunicorn_refuses_to_start_with_more_threads_than_the_database_has_connections():
    too_many = server_budget().max_connections  # × 2 threads: twice the server's connections
    server = _gunicorn(_free_port(), workers=too_many, threads=2)
    _, stderr = server.communicate(timeout=120)
    assert server.returncode != 0
    assert "拒绝启动" in stderr and "max_connections" in stderr
    assert "Booting worker" not in stderr


@pytest.mark.django_db
def test_gunicorn_serves_the_health_check_within_the_budget_without_a_control_socket():
    port = _free_port()
    server = _gunicorn(port, workers=1, threads=2)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=5
                ) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "gunicorn 未在 120 秒内就绪"
                time.sleep(0.5)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert "Control socket" not in stderr  # no runtime control socket shared in $HOME
