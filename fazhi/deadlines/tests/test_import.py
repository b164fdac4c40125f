"""Importing a year's schedule: a made-up 2027 calendar moves open deadlines and notifies their
owners (A12); bad files are refused whole and the previous version stays in force."""

import io
import zipfile
from datetime import date

import openpyxl
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.core.models import AccessEvent, AccessEventKind
from fazhi.deadlines.calendar import current_version
from fazhi.deadlines.importer import parse_text, parse_xlsx
from fazhi.deadlines.models import CalendarVersion, Clock, Reminder, ReminderKind
from fazhi.deadlines.services import (
    calendar_preview,
    calendar_version_create,
    clock_explain,
    compute_due,
)
from fazhi.deadlines.tests.factories import WD5, start_clock

pytestmark = pytest.mark.django_db

# A made-up 2027 schedule (the real notice is not out): dates, type, festival.
MADE_UP_2027 = [
    ("2027-01-01~2027-01-03", "放假", "元旦"),
    ("2027-02-05~2027-02-11", "放假", "春节"),
    ("2027-02-20", "调休上班", "春节"),
    ("2027-04-03~2027-04-05", "放假", "清明节"),
    ("2027-05-01~2027-05-05", "放假", "劳动节"),
    ("2027-04-25", "调休上班", "劳动节"),
    ("2027-06-12~2027-06-14", "放假", "端午节"),
    ("2027-09-15", "放假", "中秋节"),
    ("2027-10-01~2027-10-07", "放假", "国庆节"),
    ("2027-09-26", "调休上班", "国庆节"),
    ("2027-10-09", "调休上班", "国庆节"),
]


def as_text(rows):
    return "\n".join(",".join(r) for r in rows)


def as_xlsx(rows, header=True) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if header:
        sheet.append(["日期", "类型", "节日"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refused(callable_, *args) -> list[str]:
    with pytest.raises(ValidationError) as info:
        callable_(*args)
    assert CalendarVersion.objects.count() == 1
    assert current_version().number == 1
    return info.value.messages


@time_machine.travel(date(2026, 12, 20), tick=False)
def test_importing_2027_moves_an_open_deadline_and_notifies_the_owner(
    unit_a, clerk_a, office_staff
):
    moving = start_clock(unit_a, trigger=date(2027, 2, 3), owner=clerk_a)
    # Provisional: 2/4 Th, 2/5 F, 2/8 M, 2/9 Tu, 2/10 W (春节 2027 not known yet).
    assert moving.provisional and moving.due_date == date(2027, 2, 10)
    steady = start_clock(unit_a, trigger=date(2026, 12, 28), owner=clerk_a)
    assert steady.provisional and steady.due_date == date(2027, 1, 5)
    closed = start_clock(unit_a, trigger=date(2027, 2, 3), owner=clerk_a)
    Clock.objects.filter(pk=closed.pk).update(state="met", closed_on=date(2026, 12, 20))

    draft = parse_text(as_text(MADE_UP_2027), 2027)
    preview = calendar_preview(draft)
    assert preview.base_version == 1 and not preview.replaces_year
    assert preview.examined == 2 and preview.moved == 1
    assert preview.lines[0].text == "2027-01-01（周五） 元旦放假"
    assert CalendarVersion.objects.count() == 1  # the preview stores nothing

    version, report = calendar_version_create(actor=office_staff, draft=draft, source="测试通知")
    assert version.number == 2 and sorted(version.years) == [2024, 2025, 2026, 2027]
    assert (report.examined, report.changed, report.moved, report.notified) == (2, 2, 1, 1)

    moving.refresh_from_db()
    # Now: 2/4 Th 1; 2/5-2/11 春节; 2/12 F 2; 2/15 M 3; 2/16 Tu 4; 2/17 W 5.
    assert moving.due_date == date(2027, 2, 17)
    assert not moving.provisional
    assert moving.calendar_version == version
    assert moving.explanation == (
        "2027-02-03 收到申请，受理审查期限5个工作日（《行政复议法》第三十条）："
        "2/5–2/11 春节放假不计，截止 2027-02-17（周三）"
    )
    steady.refresh_from_db()
    assert steady.due_date == date(2027, 1, 5) and not steady.provisional
    assert "2027/1/1–1/3 元旦放假不计" in steady.explanation

    notice = Reminder.objects.get(kind=ReminderKind.MOVED)
    assert notice.recipient == clerk_a and notice.clock_id == moving.pk
    assert notice.previous_due_date == date(2027, 2, 10)
    assert notice.message == (
        "期限变更：受理审查期限的截止日期由 2027-02-10（周三） 调整为 2027-02-17（周三）"
        "（放假安排日历第2版）"
    )
    closed.refresh_from_db()
    assert closed.due_date == date(2027, 2, 10)  # closed clocks are not recomputed
    assert AccessEvent.objects.filter(kind=AccessEventKind.IMPORT, user=office_staff).exists()

    # A past deadline is re-explained with the version it was computed with.
    assert clock_explain(moving, version=1).due_date == date(2027, 2, 10)
    assert clock_explain(moving).explanation == moving.explanation
    assert compute_due(WD5, date(2027, 2, 3), calendar_version=1).due_date == date(2027, 2, 10)
    assert compute_due(WD5, date(2027, 2, 3)).due_date == date(2027, 2, 17)


def test_xlsx_import_equals_text_import():
    from_xlsx = parse_xlsx(as_xlsx(MADE_UP_2027), 2027)
    from_text = parse_text(as_text(MADE_UP_2027), 2027)
    assert from_xlsx.holidays() == from_text.holidays()
    assert from_xlsx.workdays() == from_text.workdays()
    assert len(from_xlsx.holidays()) == 3 + 7 + 3 + 5 + 3 + 1 + 7


def test_duplicate_dates_refused():
    rows = [*MADE_UP_2027, ("2027-09-15", "放假", "中秋节")]
    messages = refused(parse_xlsx, as_xlsx(rows), 2027)
    assert messages == ["第13行：日期 2027-09-15 与第9行重复。"]


def test_date_outside_the_year_refused():
    rows = [*MADE_UP_2027, ("2026-12-31", "放假", "元旦")]
    messages = refused(parse_text, as_text(rows), 2027)
    assert messages == ["第12行：日期 2026-12-31 不在 2027 年内。"]


def test_weekday_marked_adjusted_workday_refused():
    rows = [*MADE_UP_2027, ("2027-02-17", "调休上班", "春节")]
    messages = refused(parse_xlsx, as_xlsx(rows, header=False), 2027)
    assert messages == [
        "第12行：2027-02-17（周三）本来就是工作日，不能标为调休上班；调休上班只能是周六或周日。"
    ]


def test_date_both_holiday_and_workday_refused():
    rows = [*MADE_UP_2027, ("2027-02-06", "调休上班", "春节")]
    messages = refused(parse_text, as_text(rows), 2027)
    assert messages == [
        "第12行：2027-02-06 同时被标为放假和调休上班（另见第2行），一个日期只能是其中之一。"
    ]


def test_incomplete_year_refused():
    rows = [r for r in MADE_UP_2027 if r[2] not in ("国庆节", "端午节")]
    messages = refused(parse_text, as_text(rows), 2027)
    assert messages == [
        "2027 年的放假安排不完整：缺少端午、国庆。",
        "2027 年的放假安排不完整：10月1日（国庆节）未标为放假。",
    ]


def test_unreadable_rows_refused():
    messages = refused(parse_text, "2027-13-01,放假,元旦\n2027-01-02,休假日,元旦", 2027)
    assert messages == [
        "第1行：无法识别的日期“2027-13-01”，请写成 2027-01-01 的格式。",
        "第2行：类型须为“放假”或“调休上班”，而不是“休假日”。",
    ]


def test_zip_bomb_refused_before_parsing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (40 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 200 * 1024
    messages = refused(parse_xlsx, data, 2027)
    assert messages == ["Excel 文件解压后达 40 MB，超过上限 20 MB，拒绝读取。"]


def test_not_an_excel_file_refused():
    assert refused(parse_xlsx, b"not a zip at all", 2027) == ["不是有效的 Excel 文件（.xlsx）。"]


def test_identical_import_creates_no_version(office_staff):
    lines = [
        "2026-01-01~2026-01-03,放假,元旦",
        "2026-01-04,调休上班,元旦",
        "2026-02-15~2026-02-23,放假,春节",
        "2026-02-14,调休上班,春节",
        "2026-02-28,调休上班,春节",
        "2026-04-04~2026-04-06,放假,清明节",
        "2026-05-01~2026-05-05,放假,劳动节",
        "2026-05-09,调休上班,劳动节",
        "2026-06-19~2026-06-21,放假,端午节",
        "2026-09-25~2026-09-27,放假,中秋节",
        "2026-10-01~2026-10-07,放假,国庆节",
        "2026-09-20,调休上班,国庆节",
        "2026-10-10,调休上班,国庆节",
    ]
    draft = parse_text("\n".join(lines), 2026)
    assert calendar_preview(draft).lines == []
    with pytest.raises(ValidationError, match="完全相同"):
        calendar_version_create(actor=office_staff, draft=draft)
    assert current_version().number == 1


@time_machine.travel(date(2026, 12, 20), tick=False)
def test_admin_import_is_two_steps(verified_client, office_staff, clerk_a, unit_a):
    start_clock(unit_a, trigger=date(2027, 2, 3), owner=clerk_a)
    client = verified_client(office_staff)
    url = reverse("admin:deadlines_calendarversion_import")
    assert client.get(url).status_code == 200

    bad = client.post(
        url, {"year": 2027, "text": as_text([*MADE_UP_2027, ("2027-02-17", "调休上班", "春节")])}
    )
    assert bad.status_code == 200
    assert "本来就是工作日" in bad.content.decode()
    assert CalendarVersion.objects.count() == 1

    upload = io.BytesIO(as_xlsx(MADE_UP_2027))
    upload.name = "2027.xlsx"
    preview = client.post(url, {"year": 2027, "file": upload, "step": "preview"})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "2027-02-05（周五） 春节放假" in page and "<strong>1</strong> 项的截止日期将变动" in page
    assert CalendarVersion.objects.count() == 1

    token = preview.context["token"]
    done = client.post(url, {"step": "confirm", "token": token})
    assert done.status_code == 302
    assert current_version().number == 2
    assert Reminder.objects.filter(kind=ReminderKind.MOVED, recipient=clerk_a).count() == 1


def test_clerk_cannot_import(client, clerk_a):
    client.force_login(clerk_a)
    assert client.get(reverse("admin:deadlines_calendarversion_import")).status_code == 403
