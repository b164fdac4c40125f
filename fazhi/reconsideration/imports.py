"""The 台账 in Excel: export, the documented import template, and the import itself.

The import is validated (every bad cell reported with row, column and reason), atomic (one bad
row and nothing is stored) and idempotent (re-importing a row already imported with the same
content changes nothing; the same 案号 with different content is refused).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from openpyxl import Workbook

from fazhi.core.bulk import copy_insert, spare_audit_subtransactions
from fazhi.core.imports import ImportSpec, run_import
from fazhi.core.models import Unit
from fazhi.core.xlsx import (
    Column,
    ImportProblems,
    RowError,
    build_workbook,
    parse_date,
    parse_identifier,
)
from fazhi.deadlines.bulk import DueMemo, clocks_start_many
from fazhi.deadlines.fixed import fixed
from fazhi.reconsideration import deadlines as rules
from fazhi.reconsideration.models import (
    ActType,
    AdministrativeField,
    ApplicantKind,
    CaseEvent,
    CaseStatus,
    Channel,
    IdType,
    LedgerImport,
    Outcome,
    Procedure,
    ReconsiderationCase,
)
from fazhi.reconsideration.numbering import ImportNumbering
from fazhi.reconsideration.selectors import respondent_named
from fazhi.reconsideration.services import (
    apply_period_check,
    clock_spec,
    decision_rule,
)
from fazhi.reconsideration.validators import validate_party_identity

CHANNEL_ALIASES = {
    "书面": Channel.WRITTEN,
    "邮寄": Channel.WRITTEN,
    "口头": Channel.ORAL,
    "网上": Channel.ONLINE,
    "转送": Channel.FORWARDED,
}


def _choice_parser(choices, aliases=None, what="取值"):
    labels = {label: value for value, label in choices.choices}
    short = {label.split("（")[0]: value for value, label in choices.choices}

    def parse(raw):
        text = str(raw).strip()
        for table in (labels, short, aliases or {}):
            if text in table:
                return table[text]
        if text in choices.values:
            return text
        allowed = "、".join(short)
        raise ValueError(f"“{text}”不是有效的{what}，可填：{allowed}")

    return parse


def _text(raw) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


IMPORT_COLUMNS = [
    Column("案号", "case_number", parse_identifier),
    Column("收到申请日期", "received_on", parse_date),
    Column("申请方式", "channel", _choice_parser(Channel, CHANNEL_ALIASES, "申请方式")),
    Column(
        "申请人类型",
        "applicant_kind",
        _choice_parser(
            ApplicantKind,
            {
                "法人": ApplicantKind.ORGANISATION,
                "其他组织": ApplicantKind.ORGANISATION,
                "自然人": ApplicantKind.PERSON,
            },
            "申请人类型",
        ),
    ),
    Column("申请人", "applicant_name", _text),
    Column("证件类型", "applicant_id_type", _choice_parser(IdType, None, "证件类型")),
    Column("证件号码", "applicant_id_number", parse_identifier),
    Column("被申请人", "respondent_unit", _text),
    Column("行政行为类型", "act_type", _choice_parser(ActType, None, "行政行为类型")),
    Column("被申请复议的行政行为", "act_description", _text),
    Column("行政行为文号", "act_document_number", parse_identifier, required=False),
    Column("行政行为作出日期", "act_date", parse_date, required=False),
    Column("行政管理领域", "field", _choice_parser(AdministrativeField, None, "行政管理领域")),
    Column("知道行政行为日期", "known_on", parse_date),
    Column("行政复议请求", "request", _text),
    Column("受理日期", "accepted_on", parse_date, required=False),
    Column("不予受理日期", "not_accepted_on", parse_date, required=False),
    Column("不予受理理由", "not_accepted_reason", _text, required=False),
    Column("审理程序", "procedure", _choice_parser(Procedure, None, "审理程序"), required=False),
    Column("结案方式", "outcome", _choice_parser(Outcome, None, "结案方式"), required=False),
    Column("办结日期", "closed_on", parse_date, required=False),
    Column("送达日期", "served_on", parse_date, required=False),
]
HEADER = {c.key: c.header for c in IMPORT_COLUMNS}

IMPORT_NOTES = [
    "第一行为表头，列名须与模板一致（列的顺序可以不同，多余的列会被忽略）；从第二行起每行一件案件。",
    "日期填写为 2024-03-04 格式或 Excel 日期单元格。",
    "案号须符合本机构的案号格式（如“蒸政复〔2024〕12号”），同一文件内不得重复。",
    "被申请人填写单位全称或简称，须为本区已登记的单位。",
    "申请方式、申请人类型、证件类型、行政行为类型、行政管理领域、审理程序、结案方式须从模板“填写说明”页列出的取值中选择。",
    "证件号码按居民身份证、统一社会信用代码的校验规则核验。",
    "已受理的案件填写受理日期；不予受理的填写不予受理日期和理由；已办结的填写结案方式和办结日期。",
    "任何一处错误都会使整个文件不被导入，并列出行号、列名和原因；改正后可整份重新导入。",
    "同一份台账重复导入不会重复建档：案号已存在且内容相同的行跳过；案号已存在但内容不同的行会被拒绝。",
]

EXPORT_EXTRA = [
    ("状态", "status"),
    ("决定期限届满日", "decision_due_on"),
    ("在法定期限内办结", "decided_on_time"),
]
EXPORT_COLUMNS = IMPORT_COLUMNS


def _display(case: ReconsiderationCase, key: str):
    value = getattr(case, key)
    if key == "respondent_unit":
        return case.respondent_unit.name
    display = getattr(case, f"get_{key}_display", None)
    if display and value not in ("", None):
        return display().split("（")[0] if key != "outcome" else display()
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def export_ledger(queryset) -> bytes:
    headers = [c.header for c in EXPORT_COLUMNS] + [h for h, _ in EXPORT_EXTRA]
    rows = (
        [_display(case, c.key) for c in EXPORT_COLUMNS]
        + [_display(case, k) for _, k in EXPORT_EXTRA]
        for case in queryset.order_by("case_year", "case_serial")
    )
    return build_workbook(headers, rows, title="行政复议台账")


def import_template() -> bytes:
    """The documented template: the header row, one example row, and a sheet of notes and values."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "台账"
    sheet.append([c.header for c in IMPORT_COLUMNS])
    sheet.append(
        [
            "蒸政复〔2024〕1号",
            "2024-01-08",
            "书面申请",
            "公民",
            "张三",
            "居民身份证",
            "430408198001010016",
            "蒸湘区人力资源和社会保障局",
            "行政处罚",
            "罚款5000元的行政处罚决定",
            "蒸人社罚〔2023〕15号",
            "2023-12-01",
            "人力资源和社会保障",
            "2023-12-05",
            "撤销该行政处罚决定",
            "2024-01-10",
            "",
            "",
            "普通程序",
            "维持（第六十八条）",
            "2024-03-01",
            "2024-03-05",
        ]
    )
    notes = workbook.create_sheet("填写说明")
    notes.append(["说明"])
    for line in IMPORT_NOTES:
        notes.append([line])
    notes.append([])
    notes.append(["列名", "是否必填", "可填取值"])
    for column in IMPORT_COLUMNS:
        values = ""
        for choices in (
            Channel,
            ApplicantKind,
            IdType,
            ActType,
            AdministrativeField,
            Procedure,
            Outcome,
        ):
            if (
                column.key
                == {
                    Channel: "channel",
                    ApplicantKind: "applicant_kind",
                    IdType: "applicant_id_type",
                    ActType: "act_type",
                    AdministrativeField: "field",
                    Procedure: "procedure",
                    Outcome: "outcome",
                }[choices]
            ):
                values = "、".join(
                    label.split("（")[0] if choices is not Outcome else label
                    for label in choices.labels
                )
        notes.append([column.header, "必填" if column.required else "选填", values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fingerprint(row: dict) -> str:
    payload = {
        k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items() if k != "_row"
    }
    return hashlib.sha256(
        json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str).encode()
    ).hexdigest()


def _check_row(row: dict, unit: Unit, problems: ImportProblems, respondents: dict) -> None:
    number = row["_row"]

    def error(key, reason):
        problems.errors.append(RowError(number, HEADER[key], reason))

    name = row.get("respondent_unit")
    if name and name not in respondents:  # one lookup per name, not per row
        respondents[name] = respondent_named(unit, name)
    respondent = respondents[name] if name else None
    if name and respondent is None:
        error("respondent_unit", f"本区没有名为“{name}”的单位（或名称不唯一）")
    row["respondent_unit"] = respondent
    if row.get("applicant_id_number") and row.get("applicant_id_type"):
        try:
            row["applicant_id_number"] = validate_party_identity(
                row["applicant_id_type"], row["applicant_id_number"]
            )
        except ValidationError as exc:
            error("applicant_id_number", exc.messages[0])
    received, accepted = row.get("received_on"), row.get("accepted_on")
    not_accepted, closed, outcome = (
        row.get("not_accepted_on"),
        row.get("closed_on"),
        row.get("outcome"),
    )
    if received and row.get("known_on") and row["known_on"] > received:
        error("known_on", "知道行政行为日期不能晚于收到申请日期")
    if accepted and received and accepted < received:
        error("accepted_on", "受理日期不能早于收到申请日期")
    if accepted and not_accepted:
        error("not_accepted_on", "同一案件不能既受理又不予受理")
    if not_accepted and not row.get("not_accepted_reason"):
        error("not_accepted_reason", "不予受理须写明理由（《行政复议法》第三十条第二款）")
    if (outcome or closed) and not accepted:
        error("accepted_on", "已办结的案件须填写受理日期")
    if outcome and not closed:
        error("closed_on", "填写了结案方式的，须填写办结日期")
    if closed and not outcome:
        error("outcome", "填写了办结日期的，须填写结案方式")
    if closed and accepted and closed < accepted:
        error("closed_on", "办结日期不能早于受理日期")
    if row.get("served_on") and not closed:
        error("served_on", "未办结的案件不能填写送达日期")
    if row.get("served_on") and closed and row["served_on"] < closed:
        error("served_on", "送达日期不能早于办结日期")


@dataclass
class ImportResult:
    batch: LedgerImport
    rows_created: int
    rows_unchanged: int


def ledger_import(*, actor, unit: Unit, data: bytes, file_name: str, request=None) -> ImportResult:
    """Import an existing 台账 through the one import path (`fazhi.core.imports.run_import`:
    size limit, hardened parse, the register's advisory lock, the access log): all rows or
    none. Raises ValidationError listing row/column/reason."""
    stored: list[ImportResult] = []

    def store(actor, rows: list[dict]) -> int:
        stored.append(_store(rows, actor=actor, unit=unit, data=data, file_name=file_name))
        return stored[-1].rows_created

    spec = ImportSpec(
        name="reconsideration.ReconsiderationCase", columns=IMPORT_COLUMNS, store=store
    )
    try:
        with fixed():  # rules and calendar read once for the whole file, not once per row
            run_import(spec, data, actor=actor, request=request)
    except ImportProblems as problems:
        raise problems.as_validation_error() from None
    return stored[0]


def _store(rows: list[dict], *, actor, unit: Unit, data: bytes, file_name: str) -> ImportResult:
    """Rows new to the register are created with their 案号; a row already imported with the
    same content is left alone; one whose 案号 exists with other content is refused."""
    problems = ImportProblems()
    seen: dict[str, int] = {}
    respondents: dict[str, Unit | None] = {}
    for row in rows:
        number = row.get("case_number")
        if number:
            if number in seen:
                problems.errors.append(
                    RowError(row["_row"], "案号", f"案号“{number}”与第{seen[number]}行重复")
                )
            else:
                seen[number] = row["_row"]
        row["_fingerprint"] = _fingerprint(row)
        _check_row(row, unit, problems, respondents)
    existing = {
        c.case_number: c
        for c in ReconsiderationCase.objects.filter(unit=unit, case_number__in=list(seen))
    }
    for row in rows:
        case = existing.get(row.get("case_number"))
        if case is not None and case.import_fingerprint != row["_fingerprint"]:
            origin = "由台账导入" if case.import_fingerprint else "在系统中登记"
            problems.errors.append(
                RowError(
                    row["_row"],
                    "案号",
                    f"案号“{case.case_number}”已存在（{origin}）且内容不同，不能重复导入；如需修改请在系统中编辑该案件",
                )
            )
    if problems.errors:
        raise problems.as_validation_error()
    new_rows = [r for r in rows if r["case_number"] not in existing]
    batch = LedgerImport(
        unit=unit,
        file_name=file_name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        rows_total=len(rows),
        rows_created=len(new_rows),
        rows_unchanged=len(rows) - len(new_rows),
        imported_by=actor,
    )
    if not new_rows:
        return ImportResult(batch, 0, batch.rows_unchanged)
    batch.full_clean()
    batch.save()
    numbering = ImportNumbering(unit)
    due = DueMemo()
    cases = []
    for row in new_rows:
        try:
            cases.append(
                _build(row, unit=unit, actor=actor, batch=batch, numbering=numbering, due=due)
            )
        except ValidationError as exc:
            for field, messages in getattr(exc, "message_dict", {"案号": exc.messages}).items():
                problems.errors.append(RowError(row["_row"], HEADER.get(field, field), messages[0]))
    if problems.errors:
        raise problems.as_validation_error()
    _insert(cases, [r["_row"] for r in new_rows], actor=actor, batch=batch, due=due)
    numbering.finish()
    return ImportResult(batch, batch.rows_created, batch.rows_unchanged)


@functools.cache
def _defaults(model) -> tuple[tuple[tuple[str, Callable[[], object]], ...], frozenset[str]]:
    """Each concrete field's attribute name and what gives its default; the names."""

    def default(field):
        if field.has_default() and callable(field.default):
            return field.default
        value = field.get_default()
        return lambda: value

    fields = model._meta.concrete_fields
    return tuple((f.attname, default(f)) for f in fields), frozenset(f.attname for f in fields)


def _instance(model, **values):
    """`model(**values)` with the values keyed by attribute name, through Django's positional
    constructor (the one `Model.from_db` uses): a third of the keyword constructor's time over
    the ~120 columns of a case."""
    defaults, names = _defaults(model)
    if not values.keys() <= names:
        raise TypeError(f"{model.__name__} 没有这些字段：{set(values) - names}")
    return model(*[values[name] if name in values else d() for name, d in defaults])


# The columns a row sets, validated per row; the foreign keys are the importer's own or were
# checked in `_check_row`, and every other column keeps the model's default.
_VALIDATED = frozenset(
    {
        *(c.key for c in IMPORT_COLUMNS if c.key != "respondent_unit"),
        "case_year",
        "case_serial",
        "status",
        "import_fingerprint",
        "oral_confirmed",
        "application_deadline",
        "application_late",
        "absolute_bar_on",
        "absolutely_barred",
        "application_deadline_explanation",
    }
)


@functools.cache
def _not_validated() -> tuple[str, ...]:
    return tuple(f.name for f in ReconsiderationCase._meta.fields if f.name not in _VALIDATED)


def _build(
    row: dict, *, unit: Unit, actor, batch: LedgerImport, numbering: ImportNumbering, due: DueMemo
) -> ReconsiderationCase:
    """One row's case, validated and with its due dates, not yet saved."""
    year, serial = numbering.claim(row["case_number"], row["received_on"].year)
    outcome = row.get("outcome") or ""
    if outcome:
        status = CaseStatus.CLOSED
    elif row.get("not_accepted_on"):
        status = CaseStatus.NOT_ACCEPTED
    elif row.get("accepted_on"):
        status = CaseStatus.IN_REVIEW
    else:
        status = CaseStatus.RECEIVED
    case = _instance(
        ReconsiderationCase,
        unit_id=unit.pk,
        case_number=row["case_number"],
        case_year=year,
        case_serial=serial,
        status=status,
        registered_by_id=actor.pk,
        updated_by_id=actor.pk,
        applicant_kind=row["applicant_kind"],
        applicant_name=row["applicant_name"],
        applicant_id_type=row["applicant_id_type"],
        applicant_id_number=row["applicant_id_number"],
        respondent_unit_id=row["respondent_unit"].pk,
        act_type=row["act_type"],
        act_description=row["act_description"],
        act_document_number=row.get("act_document_number") or "",
        act_date=row.get("act_date"),
        field=row["field"],
        request=row["request"],
        channel=row["channel"],
        received_on=row["received_on"],
        known_on=row["known_on"],
        accepted_on=row.get("accepted_on"),
        not_accepted_on=row.get("not_accepted_on"),
        not_accepted_reason=row.get("not_accepted_reason") or "",
        procedure=row.get("procedure") or Procedure.NORMAL,
        outcome=outcome,
        closed_on=row.get("closed_on"),
        served_on=row.get("served_on"),
        import_batch_id=batch.pk,
        import_fingerprint=row["_fingerprint"],
    )
    case.unit, case.registered_by, case.updated_by = unit, actor, actor  # read, not queried
    case.respondent_unit, case.import_batch = row["respondent_unit"], batch
    if case.channel == Channel.ORAL:
        case.oral_confirmed = True
    apply_period_check(case, due=due)
    # Row-level rules ran in `_check_row` (the respondent was found in the office's district
    # there, so its foreign key is not looked up again), and the 案号 was checked against the
    # file and the register in `_store`; the table's constraints remain the backstop.
    case.full_clean(exclude=_not_validated(), validate_unique=False, validate_constraints=False)
    if status == CaseStatus.CLOSED:  # a closed case starts no clock: its due date is known
        result = due(decision_rule(case), case.accepted_on)
        case.decision_due_on, case.decision_due_explanation = result.due_date, result.explanation
        case.decided_on_time = case.closed_on <= result.due_date
    elif status == CaseStatus.IN_REVIEW:
        # The decision clock's due date and explanation (`sync_decision_due`), from the memo the
        # clock is computed with in `_insert`: 《行政复议法》第六十二条.
        result = due(decision_rule(case), case.accepted_on)
        case.decision_due_on, case.decision_due_explanation = result.due_date, result.explanation
    elif status == CaseStatus.RECEIVED:  # 《行政复议法》第三十条: five days to examine
        case.acceptance_due_on = due(rules.ACCEPTANCE_REVIEW, case.received_on).due_date
    return case


def _insert(
    cases: list[ReconsiderationCase], row_numbers: list[int], *, actor, batch, due: DueMemo
) -> None:
    """One write per table: the cases and the timeline entries by COPY, the open cases' clocks
    by `clocks_start_many`. The tables' audit triggers record every row."""
    spare_audit_subtransactions()
    copy_insert(ReconsiderationCase, cases)
    specs = []
    for case in cases:
        if case.status == CaseStatus.IN_REVIEW:
            specs.append(clock_spec(case, decision_rule(case), case.accepted_on))
        elif case.status == CaseStatus.RECEIVED:
            specs.append(clock_spec(case, rules.ACCEPTANCE_REVIEW, case.received_on))
    clocks_start_many(specs, due=due)
    events = []
    for case, number in zip(cases, row_numbers, strict=True):
        event = CaseEvent(
            case=case,
            kind="imported",
            text=f"由台账“{batch.file_name}”第{number}行导入（{case.get_status_display()}）。",
            on=case.received_on,
            actor=actor,
        )
        event.clean_fields(exclude=["case", "actor"])
        events.append(event)
    copy_insert(CaseEvent, events)
