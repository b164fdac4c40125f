"""Excel imports of the enforcement register, on the one import path (`fazhi.core.imports`):

- exam results, from the organiser's sheet (考试名称, 姓名, 身份证号码, 成绩, 是否合格): each row
  must name a candidate the district registered for that sitting;
- a unit's ledger of closed licence and penalty cases (the officers named by certificate
  number).

Every row or none: a bad row raises `ImportProblems` naming row, column and reason; ID numbers
in messages are masked.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.crypto import blind_index, mask
from fazhi.core.imports import ImportSpec, RowCollector, choice
from fazhi.core.xlsx import Column, parse_bool, parse_date, parse_decimal
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    ID_PURPOSE,
    CaseType,
    Certificate,
    EnforcementCase,
    ExamRegistration,
    ExamSitting,
    Officer,
    PartyKind,
    Procedure,
    StatementKind,
)


def parse_id_number(value) -> str:
    text = str(value).strip().upper()
    if len(text) != 18 or not (text[:17].isdigit() and text[17] in "0123456789X"):
        raise ValueError("身份证号码应为18位（最后一位可为X）")
    return text


def parse_score(value):
    score = parse_decimal(value)
    if score > 100:
        raise ValueError("成绩应在0至100分之间")
    return score


# --- exam results ----------------------------------------------------------------------------

RESULT_COLUMNS = [
    Column("考试名称", "sitting"),
    Column("姓名", "name"),
    Column("身份证号码", "id_number", parse_id_number),
    Column("成绩", "score", parse_score),
    Column("是否合格", "passed", parse_bool),
]


def _sittings(actor, names) -> dict[str, ExamSitting]:
    return {s.name: s for s in ExamSitting.objects.for_user(actor).filter(name__in=names)}


@transaction.atomic
def exam_results_import(*, actor, rows: list[dict], on=None) -> int:
    """Record the organiser's results; a person the platform does not know, or who was not
    registered for that sitting, is a bad row (nothing is written)."""
    collector = RowCollector(RESULT_COLUMNS)
    sittings = _sittings(actor, {row["sitting"] for row in rows})
    written = 0
    for row in rows:
        number = row["_row"]
        sitting = sittings.get(row["sitting"])
        if sitting is None:
            collector.add(number, "考试名称", f"平台上没有“{row['sitting']}”这场考试")
            continue
        officer = Officer.objects.filter(
            id_number_index=blind_index(row["id_number"], ID_PURPOSE)
        ).first()
        masked = mask(row["id_number"], "id")
        if officer is None:
            collector.add(number, "身份证号码", f"执法人员名册中没有身份证号码为{masked}的人员")
            continue
        if officer.name != row["name"].strip():
            collector.add(number, "姓名", f"身份证号码{masked}登记的姓名是“{officer.name}”")
            continue
        registration = ExamRegistration.objects.filter(sitting=sitting, officer=officer).first()
        if registration is None:
            collector.add(number, "姓名", f"{officer.name}未报名“{sitting.name}”")
            continue
        try:
            services.exam_result_record(
                actor=actor,
                registration=registration,
                score=row["score"],
                passed=row["passed"],
                on=on or sitting.held_on,
            )
            written += 1
        except ValidationError as exc:
            collector.field_errors(number, exc)
    collector.raise_if_any()
    return written


def _stored_results(actor, keys: set[tuple]) -> set[tuple]:
    """(考试名称, 身份证号码) of results already recorded, as the importer may see them."""
    stored = set()
    sittings = _sittings(actor, {name for name, _id in keys})
    for name, id_number in keys:
        sitting = sittings.get(name)
        if sitting is None:
            continue
        index = blind_index(id_number, ID_PURPOSE)
        if ExamRegistration.objects.filter(
            sitting=sitting, officer__id_number_index=index, passed__isnull=False
        ).exists():
            stored.add((name, id_number))
    return stored


EXAM_RESULT_IMPORT = ImportSpec(
    name="enforcement.ExamResult",
    columns=RESULT_COLUMNS,
    store=lambda actor, rows: exam_results_import(actor=actor, rows=rows),
    natural_key=("sitting", "id_number"),
    existing_keys=_stored_results,
)


# --- the case ledger -------------------------------------------------------------------------


def parse_numbers(value) -> list[str]:
    text = str(value)
    for separator in "，,；;/ \n":
        text = text.replace(separator, "、")
    numbers = [part.strip() for part in text.split("、") if part.strip()]
    if not numbers:
        raise ValueError("请填写承办人员的执法证号")
    return numbers


CASE_COLUMNS = [
    Column("案件编号", "case_number"),
    Column("案件类型", "case_type", choice(CaseType)),
    Column("程序", "procedure", choice(Procedure)),
    Column("案由", "subject"),
    Column("当事人类型", "party_kind", choice(PartyKind)),
    Column("承办人员执法证号", "officers", parse_numbers),
    Column("立案（受理）日期", "filed_on", parse_date),
    Column("告知日期", "notice_served_on", parse_date, required=False),
    Column("陈述申辩/听证", "statement", choice(StatementKind), required=False),
    Column("需法制审核", "legal_review_required", parse_bool, required=False),
    Column("法制审核日期", "legal_review_on", parse_date, required=False),
    Column("需集体讨论", "discussion_required", parse_bool, required=False),
    Column("集体讨论日期", "discussion_on", parse_date, required=False),
    Column("决定日期", "decided_on", parse_date),
    Column("送达日期", "served_on", parse_date, required=False),
    Column("需公示", "publication_required", parse_bool, required=False),
    Column("公示日期", "published_on", parse_date, required=False),
    Column("结案日期", "closed_on", parse_date),
]
CASE_FIELDS = [c.key for c in CASE_COLUMNS if c.key not in ("case_number", "officers")]
BOOLEAN_FIELDS = ("legal_review_required", "discussion_required", "publication_required")


def _officers(numbers: list[str], unit) -> tuple[list[Officer], list[str]]:
    found = {
        c.number: c.officer
        for c in Certificate.objects.filter(number__in=numbers).select_related("officer")
    }
    problems = [f"执法证号{n}不存在" for n in numbers if n not in found]
    problems += [
        f"执法证号{n}的持证人{found[n].name}不是本单位执法人员"
        for n in numbers
        if n in found and found[n].unit_id != unit.pk
    ]
    return [found[n] for n in numbers if n in found], problems


@transaction.atomic
def case_import(*, actor, rows: list[dict]) -> int:
    """A unit's ledger of closed cases, all rows or none; cases are the importer's unit's."""
    collector = RowCollector(CASE_COLUMNS)
    unit = actor.unit
    created = 0
    for row in rows:
        number = row["_row"]
        officers, problems = _officers(row["officers"], unit)
        for problem in problems:
            collector.add(number, "承办人员执法证号", problem)
        if problems:
            continue
        facts = {key: row.get(key) for key in CASE_FIELDS}
        for key in BOOLEAN_FIELDS:
            facts[key] = bool(facts[key])
        facts["statement"] = facts["statement"] or StatementKind.NONE
        try:
            services.case_register(
                actor=actor,
                unit=unit,
                officers=officers,
                case_number=row["case_number"].strip(),
                **facts,
            )
            created += 1
        except ValidationError as exc:
            collector.field_errors(number, exc)
    collector.raise_if_any()
    return created


def _stored_cases(actor, keys: set[tuple]) -> set[tuple]:
    numbers = [number for (number,) in keys]
    stored = EnforcementCase.objects.filter(unit=actor.unit, case_number__in=numbers)
    return {(n,) for n in stored.values_list("case_number", flat=True)}


CASE_IMPORT = ImportSpec(
    name="enforcement.EnforcementCase",
    columns=CASE_COLUMNS,
    store=lambda actor, rows: case_import(actor=actor, rows=rows),
    natural_key=("case_number",),
    existing_keys=_stored_cases,
)
