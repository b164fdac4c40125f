"""The 政府信息公开工作年度报告 for 2024 exported as .docx and .xlsx: every number printed equals
its indicator, and the indicators equal counts made by hand from the records created here."""

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from fazhi.disclosure import documents, services
from fazhi.disclosure.models import ApplicantType, Category, ReplyType, RequestChannel
from fazhi.disclosure.tables import request_code
from fazhi.indicators.selectors import indicator_value

pytestmark = pytest.mark.django_db


def _request(clerk, number, on, kind=ApplicantType.PERSON):
    return services.request_receive(
        actor=clerk, number=number, applicant_name="申请人", applicant_type=kind,
        channel=RequestChannel.IN_PERSON, submitted_on=on, description="某文件",
    )  # fmt: skip


@pytest.fixture
def records(clerk):
    services.proactive_items_store(actor=clerk, rows=[
        {"source_ref": "1", "title": "a", "column": "政策文件", "category": Category.POLICY,
         "formed_on": date(2024, 3, 1), "published_on": date(2024, 3, 4)},
        {"source_ref": "2", "title": "b", "column": "政策文件", "category": Category.POLICY,
         "formed_on": date(2024, 5, 6), "published_on": date(2024, 5, 7)},
        {"source_ref": "3", "title": "c", "column": "行政许可公示", "category": Category.LICENCE,
         "formed_on": date(2024, 6, 3), "published_on": date(2024, 6, 3)},
        {"source_ref": "4", "title": "d", "column": "政务动态", "category": Category.WORK,
         "formed_on": date(2023, 12, 1), "published_on": date(2023, 12, 4)},  # 2023: not counted
    ])  # fmt: skip
    carried = _request(clerk, "Y0", date(2023, 12, 20))
    services.request_reply(
        actor=clerk, request=carried, on=date(2024, 1, 10), reply_type=ReplyType.DISCLOSED
    )
    a = _request(clerk, "Y1", date(2024, 3, 4))
    services.request_reply(
        actor=clerk, request=a, on=date(2024, 3, 20), reply_type=ReplyType.DISCLOSED
    )
    b = _request(clerk, "Y2", date(2024, 4, 8), ApplicantType.ENTERPRISE)
    services.request_reply(actor=clerk, request=b, on=date(2024, 4, 30), reply_type=ReplyType.PARTIAL,
                           basis="部分含商业秘密。", pages=45, charge=True, fee_method="pages")  # fmt: skip
    c = _request(clerk, "Y3", date(2024, 5, 6), ApplicantType.LAW_FIRM)
    services.request_reply(
        actor=clerk, request=c, on=date(2024, 5, 20), reply_type=ReplyType.UNABLE_NOT_HELD
    )
    _request(clerk, "Y4", date(2024, 12, 26))  # carried into 2025


# hand counts for 2024 (applicant columns: person, enterprise, research, welfare, law_firm, other, total)
EXPECTED = {
    "new": [2, 1, 0, 0, 1, 0, 4],
    "carried_in": [1, 0, 0, 0, 0, 0, 1],
    ReplyType.DISCLOSED: [2, 0, 0, 0, 0, 0, 2],
    ReplyType.PARTIAL: [0, 1, 0, 0, 0, 0, 1],
    ReplyType.UNABLE_NOT_HELD: [0, 0, 0, 0, 1, 0, 1],
    "replied": [2, 1, 0, 0, 1, 0, 4],
    "carried_out": [1, 0, 0, 0, 0, 0, 1],
}


def test_annual_report_numbers_equal_indicators_and_hand_counts(records, office_of_government):
    report = documents.annual_report(office_of_government, 2024)
    numbers = report.numbers()
    columns = [*ApplicantType.values, "total"]
    for row, expected in EXPECTED.items():
        assert [numbers[request_code(row, c)] for c in columns] == expected, row
    assert numbers["disclosure.proactive.policy"] == 2
    assert numbers["disclosure.proactive.licence"] == 1
    assert numbers["disclosure.items_published"] == 3
    assert numbers["disclosure.fees_charged"] == 1
    assert numbers["disclosure.fees_amount"] == 150  # 15 pages over 30 free × 10 元

    # every printed number is its indicator's value
    for code, printed in numbers.items():
        value = indicator_value(code, division_or_unit=office_of_government, year=2024).value
        assert printed == value, code

    # the .docx opened: its tables print the same rows
    docx = Document(io.BytesIO(documents.annual_report_docx(report)))
    assert len(docx.tables) == len(report.tables)
    for grid, table in zip(docx.tables, report.tables, strict=True):
        printed_rows = [[cell.text for cell in row.cells] for row in grid.rows[1:]]
        assert printed_rows == [[str(v) for v in row] for row in table.rows]
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "第四十九条" in text

    # the .xlsx opened: one sheet per table, same numbers
    workbook = load_workbook(io.BytesIO(documents.annual_report_xlsx(report)))
    requests_sheet = workbook["表3"]
    rows = list(requests_sheet.iter_rows(min_row=3, values_only=True))
    by_label = {row[0]: list(row[1:]) for row in rows}
    assert by_label["一、本年新收政府信息公开申请数量"] == EXPECTED["new"]
    assert by_label["四、结转下年度继续办理"] == EXPECTED["carried_out"]
    assert by_label[ReplyType.PARTIAL.label] == EXPECTED[ReplyType.PARTIAL]


def test_reply_document_from_an_edited_template(clerk, office_of_government):
    request = _request(clerk, "Y9", date(2024, 3, 4))
    request = services.request_reply(actor=clerk, request=request, on=date(2024, 3, 15),
                                     reply_type=ReplyType.UNABLE_NOT_HELD)  # fmt: skip
    services.template_save(actor=clerk, kind="reply", title="答复书（本机关格式）",
                           body="{申请人}：经查，{答复类型}。依据：{依据}。{机关}{日期}")  # fmt: skip
    content = documents.document_docx(request, "reply")
    paragraphs = [p.text for p in Document(io.BytesIO(content)).paragraphs]
    assert paragraphs[0] == "答复书（本机关格式）"
    assert paragraphs[1] == (
        "申请人：经查，1.本机关不掌握相关政府信息。依据：《政府信息公开条例》第三十六条第（四）项。"
        "蒸湘区人民政府办公室2024年03月15日"
    )
