"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Skipped with a clear message only where /usr/bin/chromium is absent.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("FAZHI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
OUTPUT = Path(__file__).resolve().parent.parent / "test-results"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"未安装 Chromium（{CHROMIUM}）：跳过浏览器测试。CI 通过 apt 安装 chromium。")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def output_dir(request):
    folder = OUTPUT / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def e2e_login(page, user, password):
    """Sign in through the real login form; answer the TOTP page when the role requires it."""
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    if user.needs_otp:
        from django_otp.oath import totp
        from django_otp.plugins.otp_totp.models import TOTPDevice

        page.wait_for_url("**/accounts/otp/**")
        device = TOTPDevice.objects.filter(user=user).order_by("-id").first()
        page.fill("input[name=token]", f"{totp(device.bin_key):06d}")
        page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
