"""Figures typed into report prose by hand instead of bound to an indicator.

A typed figure is an Arabic or Chinese numeral next to a measure word (`14个`, `两项`, `3万余份`,
`一名`) or a percentage (`75%`, `百分之七十五`). Ordinals (`第一次`), dates (`5月31日`, `2024年`)
and set phrases (`一件事`, `一次性`) are not figures. The text is scanned with its placeholders
removed, so bound figures are never reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from fazhi.reports.placeholders import PLACEHOLDER

CN_DIGITS = "零〇一二两三四五六七八九十百千"
MEASURES = (
    "个单位",
    "人次",
    "场次",
    "万元",
    "亿元",
    "件",
    "起",
    "次",
    "项",
    "个",
    "名",
    "人",
    "家",
    "场",
    "份",
    "条",
    "篇",
    "封",
    "元",
    "所",
    "宗",
    "户",
)
SET_PHRASES = (
    "一件事",
    "一次性",
    "两个确立",
    "两个维护",
    "四个意识",
    "四个自信",
    "一个中心",
    "三个代表",
    "一盘棋",
)
_MEASURE = "|".join(MEASURES)
_NUMBER = rf"(?:\d+(?:\.\d+)?|[{CN_DIGITS}]+)"
FIGURE = re.compile(
    rf"(?<![第\d.{CN_DIGITS}])(?P<number>{_NUMBER})(?P<scale>[万亿])?(?P<approx>余|多)?"
    rf"(?:(?P<percent>[%％])|(?P<measure>{_MEASURE}))"
)
PERCENT_WORDS = re.compile(rf"百分之(?P<number>[{CN_DIGITS}]+|\d+(?:\.\d+)?)")

_CN_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_VALUES.update({"七": 7, "八": 8, "九": 9})
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


@dataclass(frozen=True)
class TypedFigure:
    text: str  # the figure as typed, e.g. "75%" or "两项"
    number: Decimal
    is_percent: bool
    context: str  # up to 12 characters before the figure (for naming the rate it states)
    start: int
    excerpt: str = ""  # the figure with a few characters before it, as written
    measure: str = ""  # the measure word typed after it ("" for a percentage)
    approximate: bool = False  # typed with 余 or 多 (3万余份)
    clause: str = ""  # the words before it, from the start of its clause


def chinese_to_number(text: str) -> Decimal | None:
    """两 → 2, 十四 → 14, 三百二十 → 320, 一〇五 → 105 (digit-by-digit form)."""
    if not text:
        return None
    if all(ch in _CN_VALUES for ch in text) and len(text) > 1:
        return Decimal("".join(str(_CN_VALUES[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _CN_VALUES:
            current = _CN_VALUES[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return Decimal(total + current)


def _number(raw: str, scale: str | None) -> Decimal | None:
    number = Decimal(raw) if raw[0].isdigit() else chinese_to_number(raw)
    if number is None:
        return None
    if scale == "万":
        number *= 10000
    elif scale == "亿":
        number *= 100000000
    return number


CLAUSE_MARKS = "，。；、：}（(\n"


def _excerpt(text: str, start: int, end: int, floor: int = 0) -> str:
    """The figure with the words before it, from the start of its clause (at most 10 characters)
    and never reaching back into the figure before it (`floor`)."""
    begin = max(0, start - 10, floor)
    window = text[begin:start]
    cut = max(window.rfind(mark) for mark in CLAUSE_MARKS)
    return window[cut + 1 :] + text[start:end]


def _clause(prose: str, start: int) -> str:
    """The words before `start` back to the last clause mark (at most 40 characters)."""
    window = prose[max(0, start - 40) : start]
    cut = max(window.rfind(mark) for mark in "，。；：\n")
    return window[cut + 1 :]


def blank_placeholders(text: str) -> str:
    """Replace each placeholder by a neutral mark of the same length (positions stay valid)."""
    return PLACEHOLDER.sub(lambda m: "＊" * len(m.group(0)), text or "")


def typed_figures(text: str) -> list[TypedFigure]:
    prose = blank_placeholders(text)
    text = text or ""
    found = []
    previous_end = 0
    for match in FIGURE.finditer(prose):
        start, end = match.span()
        window = prose[max(0, start - 2) : end + 2]
        if any(phrase in window for phrase in SET_PHRASES):
            continue
        if prose[end : end + 1] == "性":
            continue
        number = _number(match.group("number"), match.group("scale"))
        if number is None:
            continue
        found.append(
            TypedFigure(
                text=match.group(0),
                number=number,
                is_percent=bool(match.group("percent")),
                context=prose[max(0, start - 12) : start],
                start=start,
                excerpt=_excerpt(text, start, end, previous_end),
                measure=match.group("measure") or "",
                approximate=bool(match.group("approx")),
                clause=_clause(prose, start),
            )
        )
        previous_end = end
    for match in PERCENT_WORDS.finditer(prose):
        number = _number(match.group("number"), None)
        if number is not None:
            start = match.start()
            found.append(
                TypedFigure(
                    text=match.group(0),
                    number=number,
                    is_percent=True,
                    context=prose[max(0, start - 12) : start],
                    start=start,
                    excerpt=_excerpt(text, start, match.end()),
                    clause=_clause(prose, start),
                )
            )
    return sorted(found, key=lambda f: f.start)


def stated_rate_name(context: str) -> str:
    """The two characters before the last 率 in the context: "维持率达" → "维持"."""
    index = context.rfind("率")
    if index < 2:
        return ""
    return context[index - 2 : index]


def states(figure: TypedFigure, value: Decimal) -> bool:
    """Whether a typed figure states `value`: equal, or for 3万余 / 400余 any value it rounds
    down from (30000 ≤ value < 40000)."""
    if not figure.approximate:
        return value == figure.number
    whole = int(figure.number)
    step = 1
    while whole and whole % (step * 10) == 0:
        step *= 10
    return figure.number <= value < figure.number + step
