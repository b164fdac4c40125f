"""Reading and validating a year's holiday schedule (T12, T16) from an Excel file or a text form.

Nothing here writes: `services.calendar_version_create` stores a validated draft. Every problem
becomes a Chinese message; a draft with any problem is refused whole.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError

from fazhi.deadlines.engine import weekday_cn
from fazhi.deadlines.models import DayKind

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
MAX_ZIP_ENTRIES = 200
MAX_ROWS = 500

KIND_WORDS = {
    "放假": DayKind.HOLIDAY,
    "休息": DayKind.HOLIDAY,
    "假日": DayKind.HOLIDAY,
    "holiday": DayKind.HOLIDAY,
    "调休上班": DayKind.WORKDAY,
    "上班": DayKind.WORKDAY,
    "补班": DayKind.WORKDAY,
    "workday": DayKind.WORKDAY,
}
# 放假办法 2: every year's notice must place these festivals.
FESTIVALS = ["元旦", "春节", "清明", "劳动", "端午", "中秋", "国庆"]
FIXED_DATES = [(1, 1, "元旦"), (5, 1, "劳动节"), (5, 2, "劳动节"), (10, 1, "国庆节")]
RANGE_SPLIT = re.compile(r"\s*(?:~|～|至|到|—|–)\s*")


@dataclass(frozen=True)
class DraftDay:
    date: date
    kind: str
    name: str
    row: int


@dataclass
class CalendarDraft:
    year: int
    days: list[DraftDay] = field(default_factory=list)

    def holidays(self) -> dict[date, str]:
        return {d.date: d.name for d in self.days if d.kind == DayKind.HOLIDAY}

    def workdays(self) -> dict[date, str]:
        return {d.date: d.name for d in self.days if d.kind == DayKind.WORKDAY}

    def as_json(self) -> dict:
        return {
            "year": self.year,
            "days": [[d.date.isoformat(), d.kind, d.name, d.row] for d in self.days],
        }

    @classmethod
    def from_json(cls, data: dict) -> CalendarDraft:
        return cls(
            year=int(data["year"]),
            days=[DraftDay(date.fromisoformat(d), k, n, r) for d, k, n, r in data["days"]],
        )


def _parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().replace("年", "-").replace("月", "-").replace("日", "")
    text = text.replace("/", "-").replace(".", "-")
    return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))


def _parse_row(row_no: int, cells, errors: list[str]) -> list[DraftDay]:
    raw_date, raw_kind, raw_name = (list(cells) + [None, None, None])[:3]
    if raw_date is None or str(raw_date).strip() == "":
        errors.append(f"第{row_no}行：缺少日期。")
        return []
    kind = KIND_WORDS.get(str(raw_kind or "").strip())
    if kind is None:
        errors.append(f"第{row_no}行：类型须为“放假”或“调休上班”，而不是“{raw_kind or ''}”。")
    name = str(raw_name or "").strip()
    if not name:
        errors.append(f"第{row_no}行：缺少节日名称（如“春节”）。")
    try:
        if isinstance(raw_date, date | datetime):
            first = last = _parse_date(raw_date)
        else:
            parts = RANGE_SPLIT.split(str(raw_date).strip())
            if len(parts) > 2:
                raise ValueError
            first, last = _parse_date(parts[0]), _parse_date(parts[-1])
    except (ValueError, TypeError):
        errors.append(f"第{row_no}行：无法识别的日期“{raw_date}”，请写成 2027-01-01 的格式。")
        return []
    if last < first:
        errors.append(f"第{row_no}行：结束日期 {last} 早于开始日期 {first}。")
        return []
    if (last - first).days > 31:
        errors.append(f"第{row_no}行：日期区间 {first}—{last} 超过一个月，请检查。")
        return []
    if kind is None or not name:
        return []
    days, d = [], first
    while d <= last:
        days.append(DraftDay(d, kind, name, row_no))
        d += timedelta(days=1)
    return days


def parse_rows(rows, year: int) -> CalendarDraft:
    """Rows of (date or date range, 类型, 节日) → a validated draft, or a ValidationError."""
    errors: list[str] = []
    days: list[DraftDay] = []
    for row_no, cells in rows:
        days.extend(_parse_row(row_no, cells, errors))
    draft = CalendarDraft(year=year, days=days)
    if errors:
        raise ValidationError(errors)
    validate_draft(draft)
    return draft


def _is_header(cells) -> bool:
    first = str(cells[0] or "").strip() if cells else ""
    return "日期" in first or first.lower() == "date"


def parse_text(text: str, year: int) -> CalendarDraft:
    """One line per date or range: `2027-02-05~2027-02-11 放假 春节` (comma, tab or spaces)."""
    rows = []
    for row_no, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        line = re.sub(r"\s*([~～至到—–])\s*", r"\1", line)
        cells = [c for c in re.split(r"[,，\t\s]+", line) if c]
        if _is_header(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValidationError(f"行数超过 {MAX_ROWS} 行，请检查内容。")
        rows.append((row_no, cells))
    if not rows:
        raise ValidationError("没有找到任何日期。")
    return parse_rows(rows, year)


def check_xlsx_container(data: bytes) -> None:
    """Refuse a file that is not an xlsx zip, or whose declared uncompressed size is too big."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(f"文件超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB，拒绝读取。")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError("不是有效的 Excel 文件（.xlsx）。")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise ValidationError("Excel 文件内部结构异常（文件条目过多），拒绝读取。")
        declared = sum(entry.file_size for entry in entries)
        if declared > MAX_UNCOMPRESSED_BYTES:
            raise ValidationError(
                f"Excel 文件解压后达 {declared // 1024 // 1024} MB，超过上限 "
                f"{MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB，拒绝读取。"
            )
        if "xl/workbook.xml" not in {entry.filename for entry in entries}:
            raise ValidationError("不是有效的 Excel 文件（.xlsx）。")


def parse_xlsx(data: bytes, year: int) -> CalendarDraft:
    """First sheet: columns 日期 | 类型（放假/调休上班） | 节日; a header row is optional.
    The workbook is read by the core's hardened reader (fazhi.core.xlsx.read_rows)."""
    from fazhi.core.xlsx import read_rows

    check_xlsx_container(data)
    rows = []
    for row_no, cells in read_rows(data, max_columns=3).rows:
        if row_no > MAX_ROWS:
            raise ValidationError(f"行数超过 {MAX_ROWS} 行，请检查文件内容。")
        cells = tuple(cells) + (None,) * (3 - len(cells))
        if _is_header(cells):
            continue
        rows.append((row_no, cells))
    if not rows:
        raise ValidationError("文件中没有找到任何日期。")
    return parse_rows(rows, year)


def validate_draft(draft: CalendarDraft) -> None:
    """T11/T12 checks: inside the year, no duplicates, no date both kinds, workdays on weekends,
    and every statutory festival placed."""
    errors: list[str] = []
    year = draft.year
    seen: dict[date, DraftDay] = {}
    for day in draft.days:
        if day.date.year != year:
            errors.append(f"第{day.row}行：日期 {day.date} 不在 {year} 年内。")
            continue
        other = seen.get(day.date)
        if other is not None:
            if other.kind != day.kind:
                errors.append(
                    f"第{day.row}行：{day.date} 同时被标为放假和调休上班（另见第{other.row}行），"
                    "一个日期只能是其中之一。"
                )
            else:
                errors.append(f"第{day.row}行：日期 {day.date} 与第{other.row}行重复。")
            continue
        seen[day.date] = day
        if day.kind == DayKind.WORKDAY and day.date.weekday() < 5:
            errors.append(
                f"第{day.row}行：{day.date}（{weekday_cn(day.date)}）本来就是工作日，"
                "不能标为调休上班；调休上班只能是周六或周日。"
            )
    holidays = {d.date: d.name for d in seen.values() if d.kind == DayKind.HOLIDAY}
    names = "".join(set(holidays.values()))
    missing = [f for f in FESTIVALS if f not in names]
    if missing:
        errors.append(f"{year} 年的放假安排不完整：缺少{'、'.join(missing)}。")
    for month, day_no, name in FIXED_DATES:
        d = date(year, month, day_no)
        if d not in holidays:
            errors.append(f"{year} 年的放假安排不完整：{month}月{day_no}日（{name}）未标为放假。")
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class DiffLine:
    change: str  # 新增 / 取消 / 变更
    date: date
    text: str


def diff_against(draft: CalendarDraft, base_holidays: dict, base_workdays: dict) -> list[DiffLine]:
    """What the draft changes in its year compared with the version in force."""
    new_h, new_w = draft.holidays(), draft.workdays()
    old_h = {d: n for d, n in base_holidays.items() if d.year == draft.year}
    old_w = {d: n for d, n in base_workdays.items() if d.year == draft.year}
    lines: list[DiffLine] = []

    def label(d):
        return f"{d:%Y-%m-%d}（{weekday_cn(d)}）"

    for d in sorted(set(new_h) | set(old_h) | set(new_w) | set(old_w)):
        before = (
            ("放假", old_h[d]) if d in old_h else ("调休上班", old_w[d]) if d in old_w else None
        )
        after = ("放假", new_h[d]) if d in new_h else ("调休上班", new_w[d]) if d in new_w else None
        if before == after:
            continue
        if before is None:
            lines.append(DiffLine("新增", d, f"{label(d)} {after[1]}{after[0]}"))
        elif after is None:
            lines.append(DiffLine("取消", d, f"{label(d)} 原为{before[1]}{before[0]}"))
        else:
            lines.append(
                DiffLine("变更", d, f"{label(d)} 由{before[1]}{before[0]}改为{after[1]}{after[0]}")
            )
    return lines
