"""Value parsers of the shared reader: identifiers, text, dates, numbers; which sheet is read."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fazhi.core.testing.factories import UnitFactory
from fazhi.core.testing.hostile import SheetSpec, workbook_parts, zip_parts
from fazhi.core.xlsx import (
    Column,
    ImportProblems,
    clean_text,
    date_parser,
    normalise_identifier,
    parse_count,
    parse_date,
    parse_decimal,
    parse_id_number,
    parse_identifier,
    read_table,
)

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def with_check_digit(first17: str) -> str:
    """GB 11643-1999 check digit, computed here by hand (not by the code under test)."""
    return first17 + CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


# --- identifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("蒸政复〔２０２３〕９０１号", "蒸政复〔2023〕901号"),
        ("蒸政复(2023)901号", "蒸政复〔2023〕901号"),
        ("蒸政复【2023】901号", "蒸政复〔2023〕901号"),
        ("蒸政复[2023] 901号", "蒸政复〔2023〕901号"),
        ("  9143\u200b0408MA4L00001X ", "91430408MA4L00001X"),
        ("ｎｏ．１２３", "NO.123"),
        ("91430408ma4l00001x", "91430408MA4L00001X"),
    ],
)
def test_identifiers_are_nfkc_normalised(typed, stored):
    assert normalise_identifier(typed) == stored


def test_identifier_with_bidi_override_is_refused():
    with pytest.raises(ValueError, match="U\\+202E"):
        parse_identifier("蒸政复\u202e〔2023〕1号")


def test_an_18_digit_number_typed_as_a_number_is_refused():
    with pytest.raises(ValueError, match="文本格式"):
        parse_identifier(430408199003071234.0)
    assert parse_identifier(901.0) == "901"


def test_id_number_checksum_in_any_width():
    valid = with_check_digit("43040819900307123")
    assert parse_id_number(valid) == valid
    full_width = valid.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert parse_id_number(full_width) == valid
    wrong = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    with pytest.raises(ValueError, match="不是有效的居民身份证号码"):
        parse_id_number(wrong)


# --- text ----------------------------------------------------------------------------------


def test_zero_width_characters_are_stripped():
    assert clean_text("\ufeff张\u200b三\u200d ") == "张三"


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2066", "\u200f", "\u061c"])
def test_bidi_controls_are_refused(control):
    with pytest.raises(ValueError, match="文字方向控制字符"):
        clean_text(f"申请人{control}名")


def test_control_characters_are_refused_but_line_breaks_kept():
    with pytest.raises(ValueError, match="控制字符"):
        clean_text("a\x1bb")
    assert clean_text("第一行\n第二行\t") == "第一行\n第二行"


def test_model_saves_drop_invisible_characters(db):
    unit = UnitFactory(name="蒸湘区\u202e局\u200b司法\x07局")
    unit.refresh_from_db()
    assert unit.name == "蒸湘区局司法局"


# --- dates ---------------------------------------------------------------------------------


@time_machine.travel(datetime(2026, 6, 1, 10, 0), tick=False)
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-31", date(2024, 1, 31)),
        ("2024/1/31", date(2024, 1, 31)),
        ("2024.01.31", date(2024, 1, 31)),
        ("2024年1月31日", date(2024, 1, 31)),
        ("２０２４－０１－３１", date(2024, 1, 31)),
        ("2024-01-31 00:00:00", date(2024, 1, 31)),
        (datetime(2024, 1, 31, 8, 30), date(2024, 1, 31)),
        (45292, date(2024, 1, 1)),  # Excel serial: 1899-12-30 + 45292 days
        ("1949-10-01", date(1949, 10, 1)),
        ("2076-06-01", date(2076, 6, 1)),  # today + 50 years
    ],
)
def test_plausible_dates_are_read(value, expected):
    assert parse_date(value) == expected


@time_machine.travel(datetime(2026, 6, 1, 10, 0), tick=False)
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (60, "Excel 日期序号 60 无效"),
        (1, "Excel 日期序号 1 无效"),
        (-1, "Excel 日期序号 -1 无效"),
        (61, "不在合理范围内"),
        ("9999-12-31", "不在合理范围内"),
        ("2076-06-02", "不在合理范围内"),
        ("1949-09-30", "不在合理范围内"),
        ("2024-W05-3", "不是日期"),
        ("20240131", "不是日期"),
        ("2024-02-30", "不是存在的日期"),
        ("昨天", "不是日期"),
        (float("nan"), "不是日期"),
    ],
)
def test_impossible_dates_are_refused(value, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(value)


def test_a_field_can_narrow_its_range():
    founded = date_parser(earliest=date(2000, 1, 1), future_years=0)
    with pytest.raises(ValueError, match="2000-01-01"):
        founded("1999-12-31")


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["NaN", "nan", "Infinity", "-inf", "sNaN", float("inf")])
def test_not_a_number_is_a_chinese_message(value):
    for parse in (parse_count, parse_decimal):
        with pytest.raises(ValueError) as refused:
            parse(value)
        assert "NaN 或无穷大" in str(refused.value) or "不是数字" in str(refused.value)
        assert "<class" not in str(refused.value)


def test_numbers_read_in_any_width_with_thousand_separators():
    assert parse_count("１,２００") == 1200
    with pytest.raises(ValueError, match="不是整数"):
        parse_count("1.5")


# --- through the reader ----------------------------------------------------------------------

COLUMNS = [Column("案号", "number", parse_identifier), Column("件数", "count", parse_count)]


def book(*sheets: SheetSpec) -> bytes:
    return zip_parts(workbook_parts(list(sheets)))


def test_nan_in_a_cell_is_named_with_row_and_column():
    data = book(SheetSpec("台账", [["案号", "件数"], ["蒸政复〔2023〕1号", "NaN"]]))
    with pytest.raises(ImportProblems) as refused:
        read_table(data, COLUMNS)
    assert [str(e) for e in refused.value.errors] == [
        "第2行“件数”列：“NaN”不是有效的数字（NaN 或无穷大）"
    ]


def test_headers_match_whatever_the_width_spaces_or_required_mark():
    data = book(SheetSpec("台账", [["案　号", "件数*"], ["蒸政复〔２０２３〕1号", 3]]))
    assert read_table(data, COLUMNS) == [{"_row": 2, "number": "蒸政复〔2023〕1号", "count": 3}]


def test_a_hidden_lookup_sheet_without_the_headers_is_ignored():
    data = book(
        SheetSpec("选项", [["是"], ["否"]], state="hidden"),
        SheetSpec("台账", [["案号", "件数"], ["A-1", 1]]),
    )
    assert read_table(data, COLUMNS) == [{"_row": 2, "number": "A-1", "count": 1}]


def test_an_instructions_sheet_beside_the_data_is_ignored():
    data = book(
        SheetSpec("填表说明", [["请按模板填写"], ["日期格式 2024-01-31"]]),
        SheetSpec("台账", [["案号", "件数"], ["A-1", 1]]),
    )
    assert read_table(data, COLUMNS) == [{"_row": 2, "number": "A-1", "count": 1}]


def test_header_on_row_three_is_named_once():
    data = book(SheetSpec("台账", [["2024年台账"], [], ["案号", "件数"], ["A-1", 1]]))
    with pytest.raises(ValidationError) as refused:
        read_table(data, COLUMNS)
    assert refused.value.messages == [
        "表头应在第1行，但在第1个工作表“台账”的第3行找到了表头。"
        "请删除表头上方的 2 行（标题、说明等），使表头位于第1行后再导入。"
    ]


def test_an_empty_hidden_row_is_harmless():
    sheet = SheetSpec("台账", [["案号", "件数"], ["A-1", 1]], row_attrs={2: ""})
    sheet.extra_rows_xml = '<row r="3" hidden="1"/><row r="4" hidden="1"><c r="A4" s="1"/></row>'
    assert read_table(book(sheet), COLUMNS) == [{"_row": 2, "number": "A-1", "count": 1}]
