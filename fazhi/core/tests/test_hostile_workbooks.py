"""Hostile and malformed workbooks against the shared reader and against EVERY import page.

The import pages are found by walking the URL resolver (admin URL names ending in `_import`),
not from a hand-kept list. Each is opened by the first persona allowed there; the header row
comes from the page's own template download when it has one. For every class in
`fazhi.core.testing.hostile.CLASSES`: no 5xx, a Chinese message naming the problem, no row
written in the page's app, an answer in under 3 s.
"""

import csv
import io
import re
import time
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import NoReverseMatch, reverse

from fazhi.core.testing.hostile import CLASSES, good_workbook, hostile_workbook
from fazhi.core.testing.urlwalk import iter_patterns
from fazhi.core.xlsx import Column, ImportProblems, read_rows, read_table

CJK = re.compile(r"[\u4e00-\u9fff]")
TIME_LIMIT = 3.0
COLUMNS = [Column("案号", "number"), Column("申请人", "name"), Column("被申请人", "respondent")]
HEADERS = [c.header for c in COLUMNS]


def import_url_names() -> list[str]:
    return sorted(
        f"{namespace}{pattern.name}"
        for _route, pattern, namespace in iter_patterns()
        if namespace == "admin:" and (pattern.name or "").endswith("_import")
    )


def test_the_walk_finds_the_import_pages():
    names = import_url_names()
    assert len(names) >= 7, names
    assert "admin:reconsideration_ledger_import" in names
    assert "admin:deadlines_calendarversion_import" in names


def test_a_good_workbook_is_read():
    assert read_table(good_workbook(HEADERS), COLUMNS) == [
        {"_row": 2, "number": "测试", "name": "测试", "respondent": "测试"}
    ]


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_the_reader_refuses_each_class_in_chinese(name):
    hostile = hostile_workbook(name, HEADERS)
    started = time.monotonic()
    with pytest.raises((ValidationError, ImportProblems)) as refused:
        read_table(hostile.data, COLUMNS)
    elapsed = time.monotonic() - started
    error = refused.value
    messages = (
        [str(e) for e in error.errors] if isinstance(error, ImportProblems) else error.messages
    )
    text = "；".join(messages)
    assert messages and all(CJK.search(m) for m in messages), text
    assert any(word in text for word in hostile.expect), text
    assert "Error" not in text and "<class" not in text and "Traceback" not in text
    assert elapsed < TIME_LIMIT, f"{name}: {elapsed:.2f} s"


@pytest.mark.parametrize(
    "name", sorted(n for n, (_b, _e, header_specific) in CLASSES.items() if not header_specific)
)
def test_the_headerless_reader_refuses_each_class(name):
    """`read_rows` (the calendar import) applies the same container and visibility checks."""
    hostile = hostile_workbook(name, HEADERS)
    if name in {"header_on_row_three", "blank_sheet"}:
        pytest.skip("没有表头要求的读取方式不检查表头位置")
    with pytest.raises(ValidationError) as refused:
        read_rows(hostile.data, max_columns=3)
    assert any(word in "；".join(refused.value.messages) for word in hostile.expect + ("没有",))


# --- every import page -----------------------------------------------------------------------


class FormFields(HTMLParser):
    """The named inputs of the page's multipart form, with their current values."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.file_field = ""
        self._select = ""
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "multipart" in (attrs.get("enctype") or ""):
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attrs.get("type", "text")
            if kind == "file":
                self.file_field = name
            elif kind not in {"submit", "button", "checkbox", "radio"}:
                self.fields[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and self._select not in self.fields:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = ""
        if tag == "form":
            self._in_form = False


def _logged_in(user) -> Client:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    if user.needs_otp:
        device = TOTPDevice.objects.create(user=user, name="测试", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def _allowed_client(url: str, personas) -> Client:
    for user in personas:
        client = _logged_in(user)
        if client.get(url).status_code == 200:
            return client
    pytest.fail(f"没有人物可以打开 {url}")


def _template_headers(client: Client, url_name: str) -> list[str]:
    from openpyxl import load_workbook

    base = url_name.removesuffix("_import")
    for candidate in (f"{url_name}_template", f"{base}_template"):
        try:
            url = reverse(candidate)
        except NoReverseMatch:
            continue
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/csv"):
            text = response.content.decode("utf-8-sig")  # a platform export's CSV template
            return next(csv.reader(io.StringIO(text)))
        if response.status_code == 200:
            sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
            first = next(sheet.iter_rows(values_only=True))
            return [str(v) for v in first if v is not None]
    return []


def _row_counts(app_label: str) -> dict[str, int]:
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_app_config(app_label).get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _messages(response) -> list[str]:
    found: list[str] = []
    context = response.context
    if context is not None:
        found += [str(p) for p in (context.get("problems") or [])]
        form = context.get("form")
        if form is not None and hasattr(form, "errors"):
            for errors in form.errors.values():
                found += [str(e) for e in errors]
    found += [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    return found


@pytest.mark.parametrize("url_name", import_url_names())
def test_every_import_page_refuses_every_hostile_class(
    url_name, clerk_a, recon_officer, office_staff
):
    url = reverse(url_name)
    client = _allowed_client(url, [clerk_a, recon_officer, office_staff])
    headers = _template_headers(client, url_name)
    form = FormFields()
    form.feed(client.get(url).content.decode())
    assert form.file_field, f"{url} 没有文件上传框"
    app_label = url.split("/")[2]
    failures = []
    for name in sorted(CLASSES):
        hostile = hostile_workbook(name, headers or ["日期", "类型", "节日"])
        before = _row_counts(app_label)
        upload = io.BytesIO(hostile.data)
        upload.name = f"{name}.xlsx"
        started = time.monotonic()
        response = client.post(url, {**form.fields, form.file_field: upload})
        elapsed = time.monotonic() - started
        messages = _messages(response)
        text = "；".join(messages)
        if response.status_code >= 500:
            failures.append(f"{name}: {response.status_code}")
            continue
        if response.status_code != 200 or not messages:
            failures.append(f"{name}: {response.status_code}，没有错误信息")
        elif not all(CJK.search(m) for m in messages):
            failures.append(f"{name}: 错误信息不是中文：{text}")
        elif headers and not any(w in text for w in hostile.expect) and name != "empty_file":
            failures.append(f"{name}: 错误信息没有说明问题：{text}")
        if _row_counts(app_label) != before:
            failures.append(f"{name}: 写入了记录")
        if elapsed >= TIME_LIMIT:
            failures.append(f"{name}: {elapsed:.2f} s")
    assert failures == [], "\n".join(failures)
