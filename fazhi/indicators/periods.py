"""Periods: any date range with a name (统计期), and the earlier period a value is compared with.

A `Period` is what an indicator is counted over. The calendar year is one; so are a quarter, a
half year, "截至10月底" (1 January to 31 October), and any window the office names, e.g. the
enforcement file review's "2023年9月1日至2024年8月31日". Windows the office defines are stored as
`indicators.Window` rows; `Window.period` turns one into a `Period`.

`parse_period(text, year=…)` reads the period part of a report placeholder (`{{code@…}}`):
`2023`, `上年`, `上半年`, `下半年`, `第三季度`/`第3季度`, `1-10月`/`截至10月底`, `10月`,
`2023-09-01~2024-08-31`, or the name of a window.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.core.exceptions import ValidationError

from fazhi.core.dates import cn_date

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_DIGITS.update({"十": 10, "十一": 11, "十二": 12})


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _same_day(day: date, year: int) -> date:
    """The same calendar day in another year (29 February becomes 28 February)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


@dataclass(frozen=True)
class Period:
    """An inclusive date range, optionally named."""

    start: date
    end: date
    name: str = ""

    def __post_init__(self):
        if self.end < self.start:
            raise ValidationError("统计期的截止日期不能早于起始日期。")

    @property
    def year(self) -> int:
        """The year a period is reported under: the year its last day falls in."""
        return self.end.year

    @property
    def is_calendar_year(self) -> bool:
        return self.start == date(self.end.year, 1, 1) and self.end == date(self.end.year, 12, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def dates_label(self) -> str:
        """The dates in words: 2024年, 2024年1-10月, 2023年9月1日至2024年8月31日."""
        start, end = self.start, self.end
        if self.is_calendar_year:
            return f"{end.year}年"
        whole_months = start.day == 1 and end == _last_day(end.year, end.month)
        if whole_months and start.year == end.year:
            if start.month == end.month:
                return f"{end.year}年{end.month}月"
            return f"{end.year}年{start.month}-{end.month}月"
        return f"{cn_date(start)}至{cn_date(end)}"

    @property
    def label(self) -> str:
        return self.name or self.dates_label

    def shifted(self, years: int = -1) -> Period:
        """The same dates `years` earlier (同比): 2024年1-10月 → 2023年1-10月."""
        start = _same_day(self.start, self.start.year + years)
        end = _same_day(self.end, self.end.year + years)
        if self.end == _last_day(self.end.year, self.end.month):
            end = _last_day(end.year, end.month)
        return Period(start, end, _shift_name(self.name, years))

    def preceding(self) -> Period:
        """The period of the same length just before (环比): a quarter → the quarter before."""
        start, end = self.start, self.end
        if start.day == 1 and end == _last_day(end.year, end.month):
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            index = start.year * 12 + start.month - 1 - months
            first = date(index // 12, index % 12 + 1, 1)
            last_index = index + months - 1
            return Period(first, _last_day(last_index // 12, last_index % 12 + 1))
        length = self.days
        return Period(start - timedelta(days=length), start - timedelta(days=1))


def _shift_name(name: str, years: int) -> str:
    """ "2024年案卷评查期" → "2023年案卷评查期"; a name without a year gets 上年/上期 words."""
    if not name:
        return ""
    found = re.findall(r"(\d{4})(?=年)", name)
    if found:
        return re.sub(r"(\d{4})(?=年)", lambda m: str(int(m.group(1)) + years), name)
    return f"{name}（上年同期）"


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(date(year, first, 1), _last_day(year, first + 2), f"{year}年第{quarter}季度")


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), _last_day(year, month))


def half_period(year: int, half: int) -> Period:
    if half == 1:
        return Period(date(year, 1, 1), date(year, 6, 30), f"{year}年上半年")
    return Period(date(year, 7, 1), date(year, 12, 31), f"{year}年下半年")


def through_month(year: int, month: int) -> Period:
    """截至 N 月底: 1 January to the last day of month N."""
    return Period(date(year, 1, 1), _last_day(year, month))


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return CN_DIGITS.get(text)


_RANGE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})\s*(?:~|～|至|到)\s*(\d{4}-\d{1,2}-\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})年?$")
_QUARTER = re.compile(r"^(?:(\d{4})年)?第?([1-4一二三四])季度$")
_THROUGH = re.compile(
    r"^(?:(\d{4})年)?(?:截至|截止|至)(\d{1,2}|[一二三四五六七八九十]{1,2})月底?$"
    r"|^(?:(\d{4})年)?(\d{1,2}|[一二三四五六七八九十]{1,2})月底$"
)
_MONTH = re.compile(r"^(?:(\d{4})年)?(\d{1,2}|[一二三四五六七八九十]{1,2})月$")
_SPAN = re.compile(r"^(?:(\d{4})年)?(\d{1,2})-(\d{1,2})月$")
_HALF = re.compile(r"^(?:(\d{4})年)?([上下])半年$")


def parse_period(text: str, *, year: int, windows: dict | None = None) -> Period:
    """The period a placeholder names, relative to the report's `year`; a Chinese error otherwise.

    `windows` maps window names to `Period`s (the office's named windows in view).
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError("统计期不能为空。")
    if windows and text in windows:
        return windows[text]
    if text in ("上年", "上年度", "去年"):
        return year_period(year - 1)
    if text in ("本年", "本年度", "全年"):
        return year_period(year)
    if match := _RANGE.match(text):
        try:
            start, end = (date.fromisoformat(_iso(g)) for g in match.groups())
        except ValueError:
            raise ValidationError(f"统计期“{text}”中的日期无效。") from None
        return Period(start, end)
    if match := _YEAR.match(text):
        return year_period(int(match.group(1)))
    if match := _HALF.match(text):
        return half_period(int(match.group(1) or year), 1 if match.group(2) == "上" else 2)
    if match := _QUARTER.match(text):
        return quarter_period(int(match.group(1) or year), _number(match.group(2)))
    if match := _SPAN.match(text):
        first, last = int(match.group(2)), int(match.group(3))
        the_year = int(match.group(1) or year)
        if 1 <= first <= last <= 12:
            return Period(date(the_year, first, 1), _last_day(the_year, last))
    if match := _THROUGH.match(text):
        the_year, month = match.group(1) or match.group(3), match.group(2) or match.group(4)
        if (number := _number(month)) and 1 <= number <= 12:
            return through_month(int(the_year or year), number)
    match = _MONTH.match(text)
    number = _number(match.group(2)) if match else None
    if number and 1 <= number <= 12:
        return month_period(int(match.group(1) or year), number)
    raise ValidationError(
        f"无法识别统计期“{text}”：可写 2023、上年、上半年、第三季度、截至10月底、1-10月、"
        "2023-09-01~2024-08-31，或依法治区办定义的统计期名称。"
    )


def _iso(text: str) -> str:
    year, month, day = text.split("-")
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def as_period(value) -> Period:
    """A `Period`, or anything with `.period` (a `Window` row)."""
    if isinstance(value, Period):
        return value
    period = getattr(value, "period", None)
    if isinstance(period, Period):
        return period
    raise TypeError("须为统计期（Period）或已定义的统计期。")


def renamed(period: Period, name: str) -> Period:
    return replace(period, name=name)
