"""Placeholder syntax and display forms; hand-typed figures in prose (Arabic and Chinese)."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.reports.placeholders import parse, render_value, validate_text
from fazhi.reports.typed import chinese_to_number, stated_rate_name, typed_figures


@dataclass
class FakeValue:  # the fields of fazhi.indicators Value that rendering reads
    display: str
    exact_display: str
    measure: str
    value: Decimal | None


def test_parse_finds_codes_and_forms():
    found, errors = parse(
        "新收{{reconsideration.received}}，资料{{ publicity.materials | bare }}份。"
    )
    assert errors == []
    assert [(p.code, p.form) for p in found] == [
        ("reconsideration.received", ""),
        ("publicity.materials", "bare"),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{{复议}}", "格式不正确"),
        ("{{reconsideration}}", "格式不正确"),
        ("{{a.b|round}}", "显示方式“round”无效"),
        ("{{a.b", "未闭合"),
        ("a.b}}", "未闭合"),
    ],
)
def test_malformed_placeholders_are_named(text, reason):
    _found, errors = parse(text)
    assert any(reason in e for e in errors)


def test_validate_names_the_unknown_indicator():
    with pytest.raises(ValidationError) as info:
        validate_text("共{{a.b}}，另{{c.d}}。", {"a.b": object()}, where="第一节")
    assert info.value.messages == [
        "第一节：占位符 {{c.d}} 指向的指标不存在（请在指标目录中核对代码）。"
    ]


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("", "1700余人次"),
        ("bare", "1700余"),
        ("floor", "1700"),
        ("exact", "1736人次"),
        ("num", "1736"),
    ],
)
def test_display_forms(form, expected):
    value = FakeValue("1700余人次", "1736人次", "人次", Decimal("1736"))
    assert render_value(value, form) == expected


def test_floor_of_ten_thousands_keeps_wan():
    value = FakeValue("3万余份", "30215份", "份", Decimal("30215"))
    assert render_value(value, "floor") == "3万"
    assert render_value(value, "bare") == "3万余"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("其中纠错19件，调解和解18起", ["19件", "18起"]),
        ("除农村建房、社会保障服务两项，其他", ["两项"]),
        ("开展偶数年规范性文件清理一次", ["一次"]),
        ("选派一名社区矫正工作人员", ["一名"]),
        ("共有十四个宣传主题", ["十四个"]),
        ("派发资料3万余份", ["3万余份"]),
        ("涉及金额304.62万元", ["304.62万元"]),
        ("维持率达75%", ["75%"]),
        ("通过率为百分之九十五", ["百分之九十五"]),
        ("组织5个单位主要负责人", ["5个单位"]),
    ],
)
def test_typed_figures_arabic_and_chinese(text, found):
    assert [f.text for f in typed_figures(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "召开2024年区委全面依法治区委员会第一次会议",
        "5月31日组织全区行政执法人员参加第一期大讲堂",
        "高质量推进“高效办成一件事”",
        "一次性提交资料",
        "一是加强党的创新理论武装，二十届三中全会精神",
        "使全区上下牢固树立法治建设“一盘棋”思想",
        "新收{{reconsideration.received}}，资料{{publicity.materials|bare}}份",
        "2023年9月1日至2024年8月31日按普通程序办结",
    ],
)
def test_not_typed_figures(text):
    assert typed_figures(text) == []


def test_numbers():
    assert typed_figures("减少两项")[0].number == 2
    assert typed_figures("共3万余份")[0].number == 30000
    assert chinese_to_number("十四") == 14
    assert chinese_to_number("三百二十") == 320
    assert chinese_to_number("一〇五") == 105
    assert chinese_to_number("十") == 10


def test_stated_rate_name_is_read_before_the_figure():
    figure = typed_figures("调解和解18起，维持率达75%")[-1]
    assert figure.is_percent
    assert stated_rate_name(figure.context) == "维持"
    assert "维持率达75%" in figure.excerpt
