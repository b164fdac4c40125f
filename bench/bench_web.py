"""Load benchmark (issue 19): the main pages at 1, 20 and 50 concurrent clients against gunicorn.

Data: the demo district (`manage.py load_demo`, run here if missing). The script starts
gunicorn on 127.0.0.1 as `make run` does (config/gunicorn.conf.py, DEBUG off, WORKERS ×
THREADS), signs each persona in over HTTP as a person would (login form, then the TOTP form
for the roles that need it, with a device created for the run and deleted after), then for
each level of concurrency lets that many clients replay the pages until REQUESTS answers or
LIMIT seconds, whichever comes first. Clients of one persona share its signed-in session.

Printed per level and page: answers, p50/p95 (ms) and errors (anything but a 200 on the
page itself: a 5xx, a redirect to the login or OTP form, a timeout, a refused connection).
Beside them, in the same run, the limit: `/healthz` (one `SELECT 1` through the whole
stack) at the same concurrency.

Usage: DATABASE_URL=… .venv/bin/python bench/bench_web.py
           [--clients 1,20,50] [--requests 300] [--limit 180] [--workers 2] [--threads 4]
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django_otp.oath import totp  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from bench.demo_session import demo_office  # noqa: E402
from fazhi.core.models import User  # noqa: E402
from fazhi.demo.users import DEMO_PASSWORD  # noqa: E402

# persona → the pages its clients replay (label, path)
PAGES = {
    "office": [
        ("工作台（依法治区办）", "/admin/"),
        ("指标数据", "/indicators/?year=2024"),
        ("单位状态矩阵", "/cockpit/"),
    ],
    "clerk_a": [("工作台（科员）", "/admin/")],
}
LIMIT_PAGE = ("健康检查 /healthz（上限）", "/healthz")
BENCH_DEVICE = "负载基准"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application"]
    command += ["-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--threads", str(threads)]
    env = {**os.environ, "FAZHI_DEBUG": "0"}
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn 未能启动（见上方输出）。")
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return server
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn 未在 120 秒内就绪。")


def csrf_token(page: requests.Response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if not match:
        sys.exit(f"{page.url} 上没有 CSRF 令牌（状态 {page.status_code}）。")
    return match.group(1)


def sign_in(base: str, username: str) -> requests.Session:
    """The login form, then the TOTP form when the role requires it, as a browser would."""
    session = requests.Session()
    form = session.get(f"{base}/admin/login/?next=/admin/", timeout=30)
    data = {"username": username, "password": DEMO_PASSWORD, "next": "/admin/"}
    data["csrfmiddlewaretoken"] = csrf_token(form)
    answer = session.post(f"{base}/admin/login/", data=data, timeout=30)
    if "/otp/" in answer.url:
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        data = {"token": f"{token:0{device.digits}d}", "csrfmiddlewaretoken": csrf_token(answer)}
        answer = session.post(answer.url, data=data, timeout=30)
    if answer.status_code != 200 or "/login/" in answer.url or "/otp/" in answer.url:
        sys.exit(f"{username} 登录失败：{answer.status_code} {answer.url}")
    return session


def otp_devices(usernames) -> list[TOTPDevice]:
    """A confirmed TOTP device for each persona that has none (the OTP form uses the first)."""
    created = []
    for user in User.objects.filter(username__in=usernames):
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            created.append(TOTPDevice.objects.create(user=user, name=BENCH_DEVICE, confirmed=True))
    return created


def replay(base, sessions, jobs, clients, requests_total, limit):
    """`clients` threads take jobs in turn until `requests_total` answers or `limit` seconds."""
    results = {label: [] for label, _, _ in jobs}
    errors = {label: 0 for label, _, _ in jobs}
    taken = iter(range(requests_total))
    lock = threading.Lock()
    stop_at = time.monotonic() + limit

    def client(number):
        own = {name: requests.Session() for name in sessions}
        for name, session in sessions.items():
            own[name].cookies.update(session.cookies)
        while time.monotonic() < stop_at:
            with lock:
                turn = next(taken, None)
            if turn is None:
                return
            label, persona, path = jobs[(turn + number) % len(jobs)]
            started = time.perf_counter()
            try:
                answer = own[persona].get(base + path, timeout=120, allow_redirects=False)
                ok = answer.status_code == 200
            except requests.RequestException:
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                results[label].append(elapsed)
                errors[label] += 0 if ok else 1

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return results, errors


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def print_level(clients, results, errors, seconds):
    answers = sum(len(times) for times in results.values())
    print(
        f"\n## {clients} 个并发客户端：{answers} 次应答，{seconds:.1f} 秒，"
        f"{answers / seconds:.1f} 次/秒"
    )
    print("| 页面 | 应答 | p50 (ms) | p95 (ms) | 错误 |")
    print("|---|---|---|---|---|")
    for label, times in results.items():
        if times:
            p50, p95 = statistics.median(times), percentile(times, 0.95)
            print(f"| {label} | {len(times)} | {p50:.0f} | {p95:.0f} | {errors[label]} |")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", default="1,20,50")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--limit", type=float, default=180)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    demo_office()
    devices = otp_devices(PAGES)
    connection.close()
    port = free_port()
    server = start_gunicorn(port, args.workers, args.threads)
    base = f"http://127.0.0.1:{port}"
    print(f"gunicorn：{args.workers} 个进程 × {args.threads} 个线程，127.0.0.1:{port}")
    try:
        sessions = {name: sign_in(base, name) for name in PAGES}
        sessions["anonymous"] = requests.Session()
        jobs = [(label, name, path) for name, pages in PAGES.items() for label, path in pages]
        limit_label, limit_path = LIMIT_PAGE
        jobs.append((limit_label, "anonymous", limit_path))
        for clients in (int(level) for level in args.clients.split(",")):
            started = time.perf_counter()
            results, errors = replay(base, sessions, jobs, clients, args.requests, args.limit)
            print_level(clients, results, errors, time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(timeout=30)
        for device in devices:
            device.delete()


if __name__ == "__main__":
    main()
