"""Excel import of the normative-document ledger: all rows or none."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import Workbook

from fazhi.core.models import AccessEvent, AccessEventKind
from fazhi.deadlines.models import ClockState
from fazhi.deadlines.selectors import clock_for
from fazhi.deadlines.services import compute_due
from fazhi.normdocs.imports import NORMDOC_COLUMNS
from fazhi.normdocs.models import NormativeDocument

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in NORMDOC_COLUMNS]


def workbook(rows, headers=HEADERS) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "normdocs.xlsx"
    return buffer


def row(number="ZXDR-2023-00001", filed=date(2023, 3, 10), title="蒸湘区某管理办法"):
    return [
        "蒸湘区人力资源和社会保障局",
        title,
        "政府工作部门",
        "蒸人社发〔2023〕3号",
        number,
        date(2023, 3, 1),
        date(2023, 4, 1),
        date(2028, 3, 31),
        filed,
        "蒸湘区人民政府",
        "正文",
    ]


def post(client, user, data):
    client.force_login(user)
    return client.post("/admin/normdocs/normativedocument/import/", {"file": data})


def test_a_valid_file_is_imported_and_audited(client, clerk_a):
    response = post(client, clerk_a, workbook([row(), row("ZXDR-2023-00002", title="另一办法")]))
    assert response.status_code == 302
    assert NormativeDocument.objects.count() == 2
    event = AccessEvent.objects.get(kind=AccessEventKind.IMPORT, success=True)
    assert event.detail["rows"] == 2


def test_every_imported_document_gets_its_filing_clock(client, clerk_a):
    # 《湖南省规范性文件管理办法》第二十二条: the indicators read the clock's due date
    due = compute_due("normdocs.filing", date(2023, 3, 1)).due_date
    rows = [
        row(filed=due + timedelta(days=1)),
        row("ZXDR-2023-00002", filed=None, title="另一办法"),
    ]
    assert post(client, clerk_a, workbook(rows)).status_code == 302
    late, unfiled = NormativeDocument.objects.order_by("registration_number")
    clock = clock_for(late, "normdocs.filing")
    assert clock.due_date == due and clock.state == ClockState.MISSED
    assert clock.closed_on == due + timedelta(days=1)
    assert clock_for(unfiled, "normdocs.filing").due_date == due
    assert clock_for(unfiled, "normdocs.filing").is_open


def test_a_missing_column_refuses_the_whole_file(client, clerk_a):
    headers = [h for h in HEADERS if h != "统一登记号"]
    data = workbook([[c for i, c in enumerate(row()) if HEADERS[i] != "统一登记号"]], headers)
    page = post(client, clerk_a, data).content.decode()
    assert "第1行“统一登记号”列：缺少该列" in page
    assert NormativeDocument.objects.count() == 0


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ([row(), row("ZX-2023-1")], "第3行“统一登记号”列：“ZX-2023-1”不符合规定格式"),
        ([row(), row()], "第3行“统一登记号”列：“ZXDR-2023-00001”与第2行重复"),
        (
            [row(), row("ZXDR-2023-00002", filed=date(2023, 2, 1))],
            "第3行“报备日期”列：报备日期不能早于公布日期",
        ),
        (
            [row(), row("ZXDR-2023-00002")[:0] + ["不存在的局"] + row("ZXDR-2023-00002")[1:]],
            "第3行“制定机关”列",
        ),
    ],
)
def test_one_bad_row_refuses_the_file_and_stores_nothing(client, clerk_a, rows, problem):
    page = post(client, clerk_a, workbook(rows)).content.decode()
    assert problem in page
    assert NormativeDocument.objects.count() == 0


def test_a_number_already_registered_is_refused(client, clerk_a):
    post(client, clerk_a, workbook([row()]))
    page = post(
        client, clerk_a, workbook([row("ZXDR-2023-00001", title="重复登记号")])
    ).content.decode()
    assert "已被其他文件使用" in page
    assert NormativeDocument.objects.count() == 1
