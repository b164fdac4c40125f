import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from fazhi.indicators import services
from fazhi.indicators.excel import build_return_template
from fazhi.indicators.models import ReturnedValue

CODES = ["legal_aid.cases", "legal_aid.cases_criminal", "mediation.medical_amount"]


@pytest.fixture
def unit_return(catalog, office_staff, unit_a):
    request = services.return_request_open(
        actor=office_staff,
        title="2024年度统计",
        year=2024,
        indicators=CODES,
        units=[unit_a],
        due_date=date(2025, 1, 20),
    )
    return request.returns.get()


def template_rows(unit_return):
    sheet = load_workbook(io.BytesIO(build_return_template(unit_return))).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def workbook_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filled(unit_return, values):
    rows = template_rows(unit_return)
    for row in rows[1:]:
        row[4] = values.get(row[1], row[4])
    return rows


def upload(unit_return, clerk, rows):
    return services.return_import_excel(
        actor=clerk, unit_return=unit_return, data=workbook_bytes(rows)
    )


def test_template_is_prefilled_with_the_unit_and_round_trips(unit_return, clerk_a):
    rows = template_rows(unit_return)
    assert rows[0] == ["填报单位", "指标代码", "指标名称", "计量单位", "数值", "必填"]
    assert {r[0] for r in rows[1:]} == {unit_return.unit.name}
    assert [r[1] for r in rows[1:]] == CODES
    upload(
        unit_return, clerk_a, filled(unit_return, dict(zip(CODES, [430, 213, 304.62], strict=True)))
    )
    stored = dict(ReturnedValue.objects.values_list("indicator__code", "value"))
    assert stored == {
        "legal_aid.cases": 430,
        "legal_aid.cases_criminal": 213,
        "mediation.medical_amount": Decimal("304.62"),
    }
    assert unit_return.revisions.get().channel == "excel"
    # the downloaded template now carries the stored figures
    assert [r[4] for r in template_rows(unit_return)[1:]] == [430, 213, 304.62]


GOOD = {"legal_aid.cases": 430, "legal_aid.cases_criminal": 213, "mediation.medical_amount": 304.62}


def rejected(unit_return, clerk, rows) -> list[str]:
    with pytest.raises(ValidationError) as error:
        upload(unit_return, clerk, rows)
    assert not ReturnedValue.objects.exists(), "nothing may be stored"
    return error.value.messages


def test_wrong_unit_is_rejected_naming_row_and_column(unit_return, clerk_a):
    rows = filled(unit_return, GOOD)
    rows[2][0] = "蒸湘区卫生健康局"
    (message,) = rejected(unit_return, clerk_a, rows)
    assert message.startswith("第3行“填报单位”列")
    assert "蒸湘区卫生健康局" in message


def test_text_in_a_number_cell_is_rejected(unit_return, clerk_a):
    rows = filled(unit_return, {**GOOD, "legal_aid.cases": "四百三十"})
    (message,) = rejected(unit_return, clerk_a, rows)
    assert message.startswith("第2行“数值”列") and "不是数字" in message


def test_negative_count_is_rejected(unit_return, clerk_a):
    rows = filled(unit_return, {**GOOD, "legal_aid.cases_criminal": -3})
    (message,) = rejected(unit_return, clerk_a, rows)
    assert message.startswith("第3行“数值”列") and "负数" in message


def test_missing_required_indicator_is_rejected(unit_return, clerk_a):
    rows = filled(unit_return, GOOD)
    del rows[3]  # the mediation amount row
    (message,) = rejected(unit_return, clerk_a, rows)
    assert message.startswith("第4行“指标代码”列") and "医疗纠纷调解涉及金额" in message
    rows = filled(unit_return, {**GOOD, "mediation.medical_amount": None})
    rows[3][4] = None
    (message,) = rejected(unit_return, clerk_a, rows)
    assert message.startswith("第4行“数值”列") and "未填写" in message


def test_every_problem_is_listed_and_a_good_row_is_not_stored_alone(unit_return, clerk_a):
    rows = filled(unit_return, {**GOOD, "legal_aid.cases": "n/a", "legal_aid.cases_criminal": -1})
    rows.append([unit_return.unit.name, "unknown.code", "x", "件", 1, "是"])
    messages = rejected(unit_return, clerk_a, rows)
    assert len(messages) == 3
    assert any(m.startswith("第5行“指标代码”列") for m in messages)


def test_not_an_excel_file(unit_return, clerk_a):
    with pytest.raises(ValidationError, match="Excel"):
        services.return_import_excel(actor=clerk_a, unit_return=unit_return, data=b"not a zip")
