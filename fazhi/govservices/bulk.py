"""The fast, set-based import of service applications (tens of thousands of rows a year).

    file (CSV in UTF-8 or GBK/GB18030, or XLSX) ─▶ COPY into a temporary staging table
      ─▶ one typed temporary table (timestamps, channels and results checked in SQL, items and
         packages joined) ─▶ validation queries, each naming row, column and reason
      ─▶ any bad row: nothing written, every bad row named (the first 200 listed)
      ─▶ else one INSERT … SELECT … ON CONFLICT (number) DO NOTHING, the promised limit counted
         in working days against the holiday calendar in force (loaded once from
         `fazhi.deadlines`), plus one UPDATE completing applications stored while pending.

Re-importing a file changes nothing; a row whose application number was stored before with
other content is refused. The write runs in a labelled pghistory context and the applications
table has a statement-level audit trigger, so 100,000 rows are audited by one statement.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from fazhi.core.audit import record_access_event
from fazhi.core.bulk import bulk_audit_context
from fazhi.core.models import AccessEventKind
from fazhi.core.xlsx import (
    OLE2_MAGIC,
    ImportProblems,
    RowError,
    check_header_row,
    clean_cell,
    read_rows,
    reason,
    sniff_workbook,
)
from fazhi.deadlines.calendar import load_calendar
from fazhi.govservices.models import (
    ApplicationResult,
    Channel,
    ImportBatch,
    OneThingPackage,
    ServiceApplication,
    ServiceItem,
)

MAX_BULK_BYTES = 64 * 1024 * 1024
MAX_LISTED = 200
LOCK_NAME = "import:govservices.ServiceApplication"
# After a large import the planner's statistics lag until autovacuum's next pass: the counts
# of the report and the 指标数据 page were planned for a handful of rows and ran several times
# slower in that window (bench/RESULTS.md). A large import refreshes them once it commits.
ANALYZE_AFTER_ROWS = 5_000

# field → the provincial platform's header (an ApplicationSource may rename any of them)
DEFAULT_HEADERS: dict[str, str] = {
    "number": "申请编号",
    "item_code": "事项编码",
    "channel": "办理渠道",
    "received": "受理时间",
    "completed": "办结时间",
    "result": "办理结果",
    "package": "一件事",
    "platform": "一网通办",
}
REQUIRED = ("number", "item_code", "channel", "received", "result")

CHANNEL_WORDS = {
    **{str(label): value for value, label in Channel.choices},
    **{value: value for value in Channel.values},
    "网上": Channel.ONLINE,
    "线上": Channel.ONLINE,
    "网办": Channel.ONLINE,
    "现场": Channel.ONSITE,
    "窗口": Channel.ONSITE,
    "线下": Channel.ONSITE,
}
RESULT_WORDS = {
    **{str(label): value for value, label in ApplicationResult.choices},
    **{value: value for value in ApplicationResult.values},
    "在办": ApplicationResult.PENDING,
    "准予": ApplicationResult.APPROVED,
    "准予许可": ApplicationResult.APPROVED,
    "办结": ApplicationResult.APPROVED,
    "已办结": ApplicationResult.APPROVED,
    "不予": ApplicationResult.REFUSED,
    "不予许可": ApplicationResult.REFUSED,
    "不予受理": ApplicationResult.REFUSED,
    "退回": ApplicationResult.WITHDRAWN,
}
YES_WORDS = ("是", "Y", "y", "1", "true", "TRUE", "True")
NO_WORDS = ("否", "N", "n", "0", "false", "FALSE", "False", "")
COMPLETED_RESULTS = (ApplicationResult.APPROVED, ApplicationResult.REFUSED)


@dataclass(frozen=True)
class BulkResult:
    rows: int
    created: int
    completed: int
    skipped: int
    encoding: str
    batch: ImportBatch | None

    @property
    def message(self) -> str:
        text = f"已导入 {self.created} 件办件。"
        if self.completed:
            text += f"补录办结 {self.completed} 件。"
        if self.skipped:
            text += f"另有 {self.skipped} 行此前已导入，未重复写入。"
        return text


class BulkProblems(ImportProblems):
    """Row errors of a refused file; `total` counts them all when only the first are listed."""

    def __init__(self, errors: list[RowError], total: int):
        super().__init__(errors)
        self.total = total

    def __str__(self) -> str:
        text = "；".join(str(e) for e in self.errors)
        if self.total > len(self.errors):
            text += f"；另有 {self.total - len(self.errors)} 处错误未列出"
        return text


# --- reading the file ----------------------------------------------------------------------


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes; otherwise what charset-normalizer finds
    among the encodings Chinese exports use (GB18030 covers GBK and GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144], cp_isolation=["gb18030", "big5", "utf_16"]).best()
    if best is None:
        raise ValidationError("无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV 文件后重新导入。")
    encoding = best.encoding.replace("_", "-")
    if encoding in {"gb2312", "gbk"}:
        encoding = "gb18030"
    return encoding


@dataclass
class Table:
    """A file's header and its data rows, streamed: (row number as Excel shows it, values)."""

    headers: list[str]
    file_format: str
    encoding: str
    rows: Iterator


def read_file(data: bytes, *, file_name: str = "", wanted: Iterable[str] = ()) -> Table:
    """A .xlsx by its content (the hardened core reader), else CSV text. A file named .xlsx
    whose content is not a workbook is refused as the Excel imports refuse it (H4)."""
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, wanted)
    if file_name.lower().endswith((".xlsx", ".xlsm", ".xls")) or data.startswith(OLE2_MAGIC):
        sniff_workbook(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"文件按 {encoding} 解码失败（第{data[: exc.start].count(b'\n') + 1}行附近有无法识别的字符），"
            "请另存为 UTF-8 编码后重新导入。"
        ) from exc
    if "\x00" in text:
        raise ValidationError("文件含有空字符（\\0），不是有效的 CSV 文本文件。")
    reader = csv.reader(io.StringIO(text), strict=True)
    try:
        headers = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise ValidationError("CSV 文件第1行（表头）格式不正确。") from exc

    def stream():
        number = 1
        try:
            for values in reader:
                number += 1
                if not any(v.strip() for v in values):
                    continue
                if len(values) != len(headers):
                    raise ValidationError(
                        f"CSV 文件第{number}行有{len(values)}列，表头有{len(headers)}列（列数不一致），"
                        "未导入任何记录。请检查该行后重新导入。"
                    )
                yield number, values
        except csv.Error as exc:
            raise ValidationError(
                f"CSV 文件第{number + 1}行引号不配对或格式不正确，未导入任何记录。请检查该行后重新导入。"
            ) from exc

    return Table(headers, "csv", encoding, stream())


def _read_xlsx(data: bytes, wanted: Iterable[str]) -> Table:
    """The one sheet with content, through the core's hardened reader (container limits,
    hostile XML, hidden sheets and rows, parse time, header in row 1), each cell cleaned as
    the Excel imports clean it. Large platform exports come as CSV (a workbook's rows are
    capped by the reader)."""
    sheet = read_rows(data, wanted=wanted)
    if not sheet.rows:
        raise ValidationError("工作表中没有任何内容（第1行应为列名，数据从第2行开始）。")
    if sheet.rows[0][0] != 1:
        raise ValidationError(
            "表头应在第1行（平台导出的办件明细第1行为列名），请删除表头上方的行后重新导入。"
        )
    (_number, header), *rows = sheet.rows
    check_header_row(sheet.title, header)
    headers = [str(h).strip() if h is not None else "" for h in header]
    return Table(headers, "xlsx", "", iter(_cleaned(rows, headers)))


def _cleaned(rows, headers: list[str]) -> list[tuple[int, list]]:
    """Every cell through `clean_cell`; all bad cells named at once, by row and column."""
    cleaned, problems = [], []
    for number, values in rows:
        row = []
        for position, raw in enumerate(values):
            try:
                row.append(clean_cell(raw))
            except ValueError as exc:
                column = headers[position] if position < len(headers) else f"第{position + 1}列"
                problems.append(RowError(number, column, reason(exc)))
                row.append(None)
        cleaned.append((number, row))
    if problems:
        raise BulkProblems(problems[:MAX_LISTED], total=len(problems))
    return cleaned


def _cell_text(value) -> str:
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_LOOSE_TS = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_timestamp(value) -> str | None:
    """A local timestamp as 'YYYY-MM-DD HH:MM:SS', or None when the cell is not one.
    Accepts ISO forms, '/' or '.' as date separators and one-digit months, days and hours."""
    if isinstance(value, datetime):
        stamp = value
    elif isinstance(value, date):
        stamp = datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip()
        if "/" in text:
            text = text.replace("/", "-")
        try:
            stamp = datetime.fromisoformat(text)
            if len(text) == 19 and text[10] == " " and 1900 <= stamp.year <= 2999:
                return text  # already canonical (the platform's own format)
        except ValueError:
            match = _LOOSE_TS.match(text.replace(".", "-"))
            if match is None:
                return None
            parts = [int(p) if p else 0 for p in match.groups()]
            try:
                stamp = datetime(*parts)
            except ValueError:
                return None
    if stamp.tzinfo is not None:
        stamp = timezone.localtime(stamp).replace(tzinfo=None)
    if not 1900 <= stamp.year <= 2999:
        return None
    return stamp.isoformat(" ")


STAGE_COLUMNS = (
    "number", "item_code", "channel_raw", "received_raw", "received_ts", "completed_raw",
    "completed_ts", "result_raw", "package_raw", "platform_raw", "row_no",
)  # fmt: skip
STAGE_FIELDS = (
    "number", "item_code", "channel", "received", "completed", "result", "package", "platform",
)  # fmt: skip
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _stage_lines(table: Table, positions: dict[str, int]) -> Iterator[str]:
    """COPY text lines: the mapped cells trimmed, timestamps parsed (invalid → NULL, the raw
    text kept for the message)."""
    index = [positions.get(f) for f in STAGE_FIELDS]
    for number, values in table.rows:
        cells = [values[p] if p is not None and p < len(values) else None for p in index]
        texts = [_cell_text(c) for c in cells]
        out = [
            texts[0], texts[1], texts[2],
            texts[3], parse_timestamp(cells[3]) if texts[3] else None,
            texts[4], parse_timestamp(cells[4]) if texts[4] else None,
            texts[5], texts[6], texts[7],
        ]  # fmt: skip
        raw = "".join(texts)
        if "\t" in raw or "\\" in raw or "\n" in raw or "\r" in raw:
            out = [v and v.translate(_ESCAPE) for v in out]
        yield "\t".join([v or "\\N" for v in out]) + f"\t{number}\n"


def _word_case(column: str, words: Mapping[str, str]) -> tuple[str, list]:
    parts, params = [], []
    for word, value in words.items():
        parts.append("WHEN %s THEN %s")
        params += [word, str(value)]
    return f"CASE {column} {' '.join(parts)} END", params


def _stage(cursor, table: Table, positions: dict[str, int]) -> int:
    cursor.execute("DROP TABLE IF EXISTS gs_stage, gs_typed, gs_cal, gs_items, gs_packages")
    columns = ", ".join(f"{c} text" for c in STAGE_COLUMNS[:-1])
    cursor.execute(f"CREATE TEMP TABLE gs_stage ({columns}, row_no bigint) ON COMMIT DROP")
    batch: list[str] = []
    with cursor.cursor.copy(f"COPY gs_stage ({', '.join(STAGE_COLUMNS)}) FROM STDIN") as copy:
        for line in _stage_lines(table, positions):
            batch.append(line)
            if len(batch) >= 5000:
                copy.write("".join(batch))
                batch.clear()
        if batch:
            copy.write("".join(batch))
    cursor.execute("SELECT count(*) FROM gs_stage")
    return cursor.fetchone()[0]


def _lookups(cursor, scope_path: str | None) -> None:
    """The items and packages the file may name: those of units in the importer's district."""
    scope, params = "", []
    if scope_path is not None:
        scope = (
            "WHERE unit_id IN (SELECT u.id FROM core_unit u JOIN core_division d "
            "ON d.id = u.division_id WHERE d.path LIKE %s)"
        )
        params = [scope_path + "%"]
    cursor.execute(
        "CREATE TEMP TABLE gs_items ON COMMIT DROP AS SELECT code, id, promised_days, online, "  # noqa: S608 - model table
        f"onsite FROM {ServiceItem._meta.db_table} {scope}",
        params,
    )
    cursor.execute(
        "CREATE TEMP TABLE gs_packages ON COMMIT DROP AS SELECT DISTINCT ON (name) name, id "  # noqa: S608 - model table
        f"FROM {OneThingPackage._meta.db_table} {scope} ORDER BY name, id",
        params,
    )
    cursor.execute("ANALYZE gs_items")
    cursor.execute("ANALYZE gs_packages")


def _typed(cursor, *, scope_path: str | None) -> None:
    """One typed table: channel and result words mapped, timestamps cast (the staging holds
    only parsed ones), items and packages joined."""
    channel_sql, channel_params = _word_case("s.channel_raw", CHANNEL_WORDS)
    result_sql, result_params = _word_case("s.result_raw", RESULT_WORDS)
    zone = settings.TIME_ZONE
    _lookups(cursor, scope_path)
    cursor.execute(
        f"""
        CREATE TEMP TABLE gs_typed ON COMMIT DROP AS
        SELECT s.row_no, s.number, s.item_code, s.channel_raw, s.received_raw,
               s.completed_raw, s.result_raw, s.package_raw, s.platform_raw,
               {channel_sql} AS channel,
               {result_sql} AS result,
               s.received_ts::timestamp AT TIME ZONE %s AS received_at,
               s.received_ts::date AS received_on,
               s.completed_ts::timestamp AT TIME ZONE %s AS completed_at,
               s.completed_ts::date AS completed_on,
               i.id AS item_id, i.promised_days, i.online AS item_online,
               i.onsite AS item_onsite, p.id AS package_id
        FROM gs_stage s
        LEFT JOIN gs_items i ON i.code = s.item_code
        LEFT JOIN gs_packages p ON p.name = s.package_raw
        """,  # noqa: S608 - expressions generated here, values as parameters
        [*channel_params, *result_params, zone, zone],
    )


@dataclass(frozen=True)
class Check:
    field: str
    reason: str  # SQL expression giving the reason text
    where: str


def _checks(now_local: datetime) -> list[Check]:
    channels = "、".join(str(label) for _v, label in Channel.choices)
    results = "、".join(str(label) for _v, label in ApplicationResult.choices)
    completed = ", ".join(f"'{r}'" for r in COMPLETED_RESULTS)
    yes_no = ", ".join(f"'{w}'" for w in (*YES_WORDS, *NO_WORDS) if w)
    checks = [
        Check(field, "'不能为空'", f"t.{raw} IS NULL")
        for field, raw in (
            ("number", "number"),
            ("item_code", "item_code"),
            ("channel", "channel_raw"),
            ("received", "received_raw"),
            ("result", "result_raw"),
        )
    ]
    checks += [
        Check("number", "'长度超过64个字符'", "length(t.number) > 64"),
        Check(
            "received",
            "'“' || t.received_raw || '”不是有效的时间（应为 2024-03-05 09:30:00 格式）'",
            "t.received_raw IS NOT NULL AND t.received_at IS NULL",
        ),
        Check(
            "completed",
            "'“' || t.completed_raw || '”不是有效的时间（应为 2024-03-05 09:30:00 格式）'",
            "t.completed_raw IS NOT NULL AND t.completed_at IS NULL",
        ),
        Check(
            "channel",
            f"'“' || t.channel_raw || '”不是有效的办理渠道（可填：{channels}）'",
            "t.channel_raw IS NOT NULL AND t.channel IS NULL",
        ),
        Check(
            "result",
            f"'“' || t.result_raw || '”不是有效的办理结果（可填：{results}）'",
            "t.result_raw IS NOT NULL AND t.result IS NULL",
        ),
        Check(
            "item_code",
            "'事项编码“' || t.item_code || '”不在本区事项清单中'",
            "t.item_code IS NOT NULL AND t.item_id IS NULL",
        ),
        Check(
            "channel",
            "'该事项未开通网上办理'",
            "t.item_id IS NOT NULL AND t.channel = 'online' AND NOT t.item_online",
        ),
        Check(
            "channel",
            "'该事项不提供现场办理'",
            "t.item_id IS NOT NULL AND t.channel = 'onsite' AND NOT t.item_onsite",
        ),
        Check(
            "package",
            "'“一件事”“' || t.package_raw || '”不在本区“一件事”清单中'",
            "t.package_raw IS NOT NULL AND t.package_id IS NULL",
        ),
        Check(
            "platform",
            "'“' || t.platform_raw || '”应填“是”或“否”'",
            f"t.platform_raw IS NOT NULL AND t.platform_raw NOT IN ({yes_no})",
        ),
        Check(
            "completed",
            "'办结时间' || to_char(t.completed_at AT TIME ZONE %(zone)s, 'YYYY-MM-DD HH24:MI') "
            "|| '早于受理时间' || to_char(t.received_at AT TIME ZONE %(zone)s, 'YYYY-MM-DD HH24:MI')",
            "t.completed_at < t.received_at",
        ),
        Check(
            "received",
            "'受理时间晚于导入时间，不能是将来的时间'",
            "t.received_at > %(now)s",
        ),
        Check(
            "completed",
            "'办结时间晚于导入时间，不能是将来的时间'",
            "t.completed_at > %(now)s",
        ),
        Check(
            "completed",
            "'办理结果为“' || t.result_raw || '”，须填写办结时间'",
            f"t.result IN ({completed}) AND t.completed_raw IS NULL",
        ),
        Check(
            "result",
            "'已填写办结时间，办理结果不能为“办理中”'",
            "t.result = 'pending' AND t.completed_at IS NOT NULL",
        ),
    ]
    return checks


def _validate(cursor, headers: dict[str, str], now_local: datetime) -> None:
    """Every check in one scan of the typed table (a reason is built only for a failing cell),
    plus the duplicate checks; the first MAX_LISTED errors by row, and their total."""
    params: dict = {"zone": settings.TIME_ZONE, "now": now_local}
    values, conditions = [], []
    for n, check in enumerate(_checks(now_local)):
        params[f"h{n}"] = headers.get(check.field, check.field)
        values.append(f"(%(h{n})s, CASE WHEN {check.where} THEN {check.reason} END)")
        conditions.append(f"({check.where})")
    application_table = ServiceApplication._meta.db_table
    params["hnum"] = headers["number"]
    params["hcomp"] = headers.get("completed", "办结时间")
    parts = [
        f"SELECT t.row_no, c.header, c.reason FROM (SELECT * FROM gs_typed t WHERE "  # noqa: S608 - checks are code
        f"{' OR '.join(conditions)} OFFSET 0) t CROSS JOIN LATERAL "
        f"(VALUES {', '.join(values)}) AS c(header, reason) WHERE c.reason IS NOT NULL",
        "SELECT row_no, %(hnum)s, '与第' || first_row || '行的申请编号重复' FROM ("
        " SELECT row_no, min(row_no) OVER (PARTITION BY number) AS first_row FROM gs_typed"
        " WHERE number IS NOT NULL) d WHERE row_no <> first_row",
        f"SELECT t.row_no, %(hnum)s, '申请编号“' || t.number || '”此前已导入，但事项、渠道或受理时间与此前不同'"  # noqa: S608
        f" FROM gs_typed t JOIN {application_table} a ON a.number = t.number"
        " WHERE t.item_id IS NOT NULL AND t.received_at IS NOT NULL AND"
        " (a.item_id, a.channel, a.received_at) IS DISTINCT FROM (t.item_id, t.channel, t.received_at)",
        f"SELECT t.row_no, %(hcomp)s, '申请编号“' || t.number || '”此前已导入的办结时间与本行不同'"  # noqa: S608
        f" FROM gs_typed t JOIN {application_table} a ON a.number = t.number"
        " WHERE a.completed_at IS NOT NULL AND a.completed_at IS DISTINCT FROM t.completed_at",
    ]
    union = " UNION ALL ".join(f"({p})" for p in parts)
    cursor.execute(
        f"SELECT row_no, header, reason, count(*) OVER () FROM ({union}) e "  # noqa: S608
        f"ORDER BY row_no, header LIMIT {MAX_LISTED}",
        params,
    )
    found = cursor.fetchall()
    if found:
        errors = [RowError(int(row), header, reason) for row, header, reason, _total in found]
        raise BulkProblems(errors, total=found[0][3])


def _calendar(cursor) -> int:
    """COPY the working-day sequence of the calendar in force over the dates the file needs:
    `seq` counts working days up to and including `d` (A2 rest days, A3 adjusted workdays)."""
    cursor.execute("SELECT min(received_on), max(received_on), max(promised_days) FROM gs_typed")
    first, last, longest = cursor.fetchone()
    cal = load_calendar()
    cursor.execute(
        "CREATE TEMP TABLE gs_cal (d date PRIMARY KEY, seq integer NOT NULL, working boolean "
        "NOT NULL) ON COMMIT DROP"
    )
    if first is None:
        return cal.version
    end = cal.add_working_days(last, longest or 1)
    seq, day, rows = 0, first, []
    while day <= end:
        working = not cal.is_rest_day(day)
        seq += working
        rows.append((day, seq, working))
        day += timedelta(days=1)
    with cursor.cursor.copy("COPY gs_cal (d, seq, working) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    cursor.execute("ANALYZE gs_cal")
    return cal.version


def _merge(cursor, *, unit_id: int, batch_id: int, version: int) -> tuple[int, int]:
    table = ServiceApplication._meta.db_table
    completed = ", ".join(f"'{r}'" for r in COMPLETED_RESULTS)
    yes = ", ".join(f"'{w}'" for w in YES_WORDS)
    cursor.execute(
        f"""
        INSERT INTO {table} (unit_id, number, item_id, channel, received_at, received_on,
            completed_at, completed_on, result, promised_days, due_date, on_time, package_id,
            via_platform, batch_id, calendar_version)
        SELECT %s, t.number, t.item_id, t.channel, t.received_at, t.received_on,
            t.completed_at, t.completed_on, t.result, t.promised_days, w.d,
            CASE WHEN t.result IN ({completed}) THEN t.completed_on <= w.d END,
            t.package_id, coalesce(t.platform_raw IN ({yes}), false), %s, %s
        FROM gs_typed t
        JOIN gs_cal r ON r.d = t.received_on
        JOIN gs_cal w ON w.working AND w.seq = r.seq + t.promised_days
        ORDER BY t.row_no
        ON CONFLICT (number) DO NOTHING
        """,  # noqa: S608 - table name from the model
        [unit_id, batch_id, version],
    )
    created = cursor.rowcount
    cursor.execute(
        f"""
        UPDATE {table} a SET completed_at = t.completed_at, completed_on = t.completed_on,
            result = t.result,
            on_time = CASE WHEN t.result IN ({completed}) THEN t.completed_on <= a.due_date END
        FROM gs_typed t
        WHERE a.number = t.number AND a.result = 'pending' AND t.result <> 'pending'
          AND a.batch_id IS DISTINCT FROM %s
        """,  # noqa: S608
        [batch_id],
    )
    return created, cursor.rowcount


def _positions(headers: list[str], mapping: Mapping[str, str]) -> dict[str, int]:
    problems = [
        RowError(1, mapping[field], "缺少该列")
        for field in REQUIRED
        if mapping[field] not in headers
    ]
    if problems:
        raise BulkProblems(problems, total=len(problems))
    return {field: headers.index(header) for field, header in mapping.items() if header in headers}


def _scope_path(actor) -> str | None:
    if actor is None or actor.is_superuser or actor.unit_id is None:
        return None
    return actor.unit.division.path


def import_applications(
    data: bytes,
    *,
    actor,
    unit=None,
    source=None,
    file_name: str = "",
    headers: Mapping[str, str] | None = None,
    request=None,
    now: datetime | None = None,
) -> BulkResult:
    """Load one export of the service platform; all rows or none (see the module docstring).

    `unit`: the receiving unit that owns the rows (default: the actor's unit).
    `source`/`headers`: the column mapping (default: the provincial platform's headers).
    """
    if len(data) > MAX_BULK_BYTES:
        raise ValidationError(f"文件超过 {MAX_BULK_BYTES // 1024 // 1024} MB，请分批导入。")
    unit = unit or getattr(actor, "unit", None)
    if unit is None:
        raise ValidationError("导入办件须指定所属单位（受理单位）。")
    mapping = {**DEFAULT_HEADERS, **(source.headers if source else {}), **(headers or {})}
    table = read_file(data, file_name=file_name, wanted=mapping.values())
    positions = _positions(table.headers, mapping)
    now = now or timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s), %s)", [LOCK_NAME, unit.pk])
        rows = _stage(cursor, table, positions)
        if not rows:
            raise ValidationError("文件中没有数据行（第1行是表头，数据从第2行开始）。")
        _typed(cursor, scope_path=_scope_path(actor))
        _validate(cursor, mapping, now)
        version = _calendar(cursor)
        batch = ImportBatch.objects.create(
            unit=unit,
            source=source,
            file_name=file_name[:255],
            file_format=table.file_format,
            encoding=table.encoding,
            rows=rows,
            created=0,
            calendar_version=version,
            imported_by=actor if getattr(actor, "pk", None) else None,
        )
        with bulk_audit_context(operation="govservices.import", batch=batch.pk, rows=rows):
            created, completed = _merge(cursor, unit_id=unit.pk, batch_id=batch.pk, version=version)
        if created + completed == 0:
            raise ValidationError(
                f"文件中的 {rows} 行此前均已导入，本次未写入任何记录（重复导入同一文件不会产生重复记录）。"
            )
        batch.created, batch.completed = created, completed
        batch.skipped = rows - created - completed
        batch.save(update_fields=["created", "completed", "skipped"])
        if created >= ANALYZE_AFTER_ROWS:
            transaction.on_commit(_refresh_statistics)
    record_access_event(
        request,
        AccessEventKind.IMPORT,
        user=actor,
        obj=batch,
        detail={"ledger": "govservices.ServiceApplication", "rows": rows, "created": created},
    )
    return BulkResult(rows, created, completed, rows - created - completed, table.encoding, batch)


def _refresh_statistics() -> None:
    """ANALYZE the applications table after the import's commit (outside its transaction, so
    that concurrent imports of other units do not queue behind its lock)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE govservices_serviceapplication")


def write_csv(
    rows: Iterable[Iterable], headers: Iterable[str], *, encoding: str = "utf-8"
) -> bytes:
    """A CSV export in the platform's layout (demo, synth, tests and the benchmark use it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(headers))
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)
