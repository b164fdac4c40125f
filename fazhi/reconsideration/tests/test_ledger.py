"""The Excel 台账: the documented template, a validated, atomic and idempotent import, and an
export that writes no live formula."""

import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from fazhi.reconsideration import imports as ledger
from fazhi.reconsideration.models import (
    CaseNumberCounter,
    CaseStatus,
    LedgerImport,
    ReconsiderationCase,
)

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in ledger.IMPORT_COLUMNS]


def row(number, **values):
    base = {
        "案号": f"蒸政复〔2024〕{number}号",
        "收到申请日期": "2024-01-08",
        "申请方式": "书面",
        "申请人类型": "公民",
        "申请人": f"申请人{number}",
        "证件类型": "居民身份证",
        "证件号码": "430408198001010016",
        "被申请人": "蒸湘区人力资源和社会保障局",
        "行政行为类型": "行政处罚",
        "被申请复议的行政行为": f"罚款决定{number}",
        "行政行为文号": f"蒸人社罚〔2023〕{number}号",
        "行政行为作出日期": "2023-12-01",
        "行政管理领域": "人力资源和社会保障",
        "知道行政行为日期": "2023-12-05",
        "行政复议请求": "撤销罚款决定",
        "受理日期": "2024-01-10",
        "不予受理日期": None,
        "不予受理理由": None,
        "审理程序": "普通程序",
        "结案方式": "维持（第六十八条）",
        "办结日期": "2024-03-01",
        "送达日期": "2024-03-05",
    }
    base.update(values)
    return [base[h] for h in HEADERS]


def workbook(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for r in rows:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def imported_units(unit_a, justice_bureau):
    return unit_a, justice_bureau


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_import_creates_cases_in_their_states_and_reimport_changes_nothing(
    recon_officer, imported_units
):
    data = workbook(
        row(1),
        row(
            2,
            受理日期=None,
            结案方式=None,
            办结日期=None,
            送达日期=None,
            不予受理日期="2024-01-12",
            不予受理理由="超过申请期限",
        ),
        row(3, 结案方式=None, 办结日期=None, 送达日期=None),
    )
    result = ledger.ledger_import(
        actor=recon_officer, unit=recon_officer.unit, data=data, file_name="2024台账.xlsx"
    )
    assert (result.rows_created, result.rows_unchanged) == (3, 0)
    cases = {c.case_serial: c for c in ReconsiderationCase.objects.all()}
    assert cases[1].status == CaseStatus.CLOSED and cases[1].decided_on_time is True
    assert cases[2].status == CaseStatus.NOT_ACCEPTED
    assert cases[3].status == CaseStatus.IN_REVIEW and cases[3].decision_due_on == date(2024, 3, 11)
    assert CaseNumberCounter.objects.get(unit=recon_officer.unit, year=2024).last_number == 3
    again = ledger.ledger_import(
        actor=recon_officer, unit=recon_officer.unit, data=data, file_name="2024台账.xlsx"
    )
    assert (again.rows_created, again.rows_unchanged) == (0, 3)
    assert ReconsiderationCase.objects.count() == 3 and LedgerImport.objects.count() == 1
    # A later file adding a row: only the new row is created, and numbering continues after it.
    third = ledger.ledger_import(
        actor=recon_officer,
        unit=recon_officer.unit,
        data=workbook(
            row(1),
            row(
                2,
                受理日期=None,
                结案方式=None,
                办结日期=None,
                送达日期=None,
                不予受理日期="2024-01-12",
                不予受理理由="超过申请期限",
            ),
            row(3, 结案方式=None, 办结日期=None, 送达日期=None),
            row(4),
        ),
        file_name="补充.xlsx",
    )
    assert (third.rows_created, third.rows_unchanged) == (1, 3)


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_duplicate_case_number_is_refused_with_row_column_and_reason_and_nothing_is_stored(
    recon_officer, imported_units
):
    data = workbook(row(1), row(2), row(1, 申请人="王五"))
    with pytest.raises(ValidationError) as refused:
        ledger.ledger_import(
            actor=recon_officer, unit=recon_officer.unit, data=data, file_name="台账.xlsx"
        )
    assert "第4行“案号”列：案号“蒸政复〔2024〕1号”与第2行重复" in refused.value.messages
    assert ReconsiderationCase.objects.count() == 0
    assert LedgerImport.objects.count() == 0
    assert not CaseNumberCounter.objects.filter(last_number__gt=0).exists()


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_existing_case_number_with_other_content_is_refused(recon_officer, imported_units):
    ledger.ledger_import(
        actor=recon_officer, unit=recon_officer.unit, data=workbook(row(1)), file_name="a.xlsx"
    )
    with pytest.raises(ValidationError) as refused:
        ledger.ledger_import(
            actor=recon_officer,
            unit=recon_officer.unit,
            data=workbook(row(1, 申请人="改了名字"), row(5)),
            file_name="b.xlsx",
        )
    assert any("第2行“案号”列" in m and "已存在" in m for m in refused.value.messages)
    assert ReconsiderationCase.objects.count() == 1


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_every_bad_cell_is_reported(recon_officer, imported_units):
    data = workbook(
        row(1, 证件号码="430408198001010017"),
        row(2, 被申请人="不存在的局"),
        row(3, 结案方式="部分维持"),
        row(4, 办结日期="2024-01-01"),
        row(5, 收到申请日期="2024/13/40"),
    )
    with pytest.raises(ValidationError) as refused:
        ledger.ledger_import(
            actor=recon_officer, unit=recon_officer.unit, data=data, file_name="x.xlsx"
        )
    messages = "\n".join(refused.value.messages)
    assert "第6行“收到申请日期”列" in messages
    assert "第4行“结案方式”列" in messages and "部分维持" in messages
    assert ReconsiderationCase.objects.count() == 0
    data = workbook(
        row(1, 证件号码="430408198001010017"),
        row(2, 被申请人="不存在的局"),
        row(4, 办结日期="2024-01-01"),
    )
    with pytest.raises(ValidationError) as refused:
        ledger.ledger_import(
            actor=recon_officer, unit=recon_officer.unit, data=data, file_name="x.xlsx"
        )
    messages = "\n".join(refused.value.messages)
    assert "第2行“证件号码”列：居民身份证号码“430408198001010017”的校验位错误" in messages
    assert "第3行“被申请人”列" in messages
    assert "第4行“办结日期”列：办结日期不能早于受理日期" in messages


def test_a_file_that_is_not_excel_is_refused(recon_officer):
    with pytest.raises(ValidationError, match="不是有效的 Excel"):
        ledger.ledger_import(
            actor=recon_officer,
            unit=recon_officer.unit,
            data=b"PK\x03\x04broken",
            file_name="x.xlsx",
        )


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_the_template_example_imports_and_the_export_reimports(recon_officer, imported_units):
    template = ledger.import_template()
    book = load_workbook(io.BytesIO(template))
    assert [c.value for c in book["台账"][1]] == HEADERS
    assert book["填写说明"]["A2"].value == ledger.IMPORT_NOTES[0]
    result = ledger.ledger_import(
        actor=recon_officer, unit=recon_officer.unit, data=template, file_name="模板.xlsx"
    )
    assert result.rows_created == 1
    exported = ledger.export_ledger(ReconsiderationCase.objects.all())
    assert (
        ledger.ledger_import(
            actor=recon_officer, unit=recon_officer.unit, data=exported, file_name="导出.xlsx"
        ).rows_unchanged
        == 1
    )


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_export_escapes_strings_that_would_be_formulas(recon_officer, imported_units):
    from fazhi.reconsideration.tests.factories import registered

    registered(
        recon_officer,
        imported_units[0],
        applicant_name='=HYPERLINK("http://x")',
        received_on=date(2024, 3, 4),
    )
    exported = load_workbook(io.BytesIO(ledger.export_ledger(ReconsiderationCase.objects.all())))
    sheet = exported.active
    column = HEADERS.index("申请人") + 1
    cell = sheet.cell(row=2, column=column)
    assert cell.data_type == "s" and not str(cell.value).startswith("=")


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_each_years_counter_ends_at_its_highest_imported_number_and_numbering_goes_on(
    recon_officer, imported_units
):
    from fazhi.reconsideration.numbering import allocate_case_number

    data = workbook(
        row(12),
        row(7),
        row(
            5,
            案号="蒸政复〔2023〕5号",
            行政行为作出日期="2023-10-20",
            知道行政行为日期="2023-11-01",
            收到申请日期="2023-11-20",
            受理日期="2023-11-22",
        ),
    )
    ledger.ledger_import(
        actor=recon_officer, unit=recon_officer.unit, data=data, file_name="台账.xlsx"
    )
    counters = dict(
        CaseNumberCounter.objects.filter(unit=recon_officer.unit).values_list("year", "last_number")
    )
    assert counters == {2023: 5, 2024: 12}
    assert allocate_case_number(recon_officer.unit, 2024)[0] == "蒸政复〔2024〕13号"


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_a_value_too_long_is_refused_on_every_row_that_has_it(recon_officer, imported_units):
    """The model's own field checks run for each row: the same bad value on two rows is named
    on both, beside rows whose equal good values were checked before them."""
    long_name = "张" * 129  # 申请人: at most 128 characters
    data = workbook(
        row(1),
        row(2, 申请人=long_name),
        row(3),
        row(4, 申请人=long_name, 行政行为类型="行政处罚"),
    )
    with pytest.raises(ValidationError) as refused:
        ledger.ledger_import(
            actor=recon_officer, unit=recon_officer.unit, data=data, file_name="x.xlsx"
        )
    messages = refused.value.messages
    assert [m for m in messages if "“申请人”列" in m] == [
        "第3行“申请人”列：确保该变量包含不超过 128 字符 (目前字符数 129)。",  # Django's zh-hans
        "第5行“申请人”列：确保该变量包含不超过 128 字符 (目前字符数 129)。",
    ]
    assert len(messages) == 2
    assert ReconsiderationCase.objects.count() == 0
