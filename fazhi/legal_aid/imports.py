"""Excel imports of legal aid: the 台账 of applications and the daily consultation tally.

Both run through `fazhi.core.imports.run_import`: any bad row (an invalid identity number, an
unknown channel …) names its row, column and reason, and nothing is written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.crypto import blind_index
from fazhi.core.imports import ImportSpec, RowCollector, choice
from fazhi.core.xlsx import Column, parse_count, parse_date
from fazhi.legal_aid import services
from fazhi.legal_aid.models import (
    AidCase,
    Category,
    Channel,
    Consultation,
    ConsultChannel,
    CriminalStage,
    ExemptionReason,
    Gender,
    Matter,
    MeansTest,
)
from fazhi.legal_aid.personal import normalise, resident_id_problem


def parse_resident_id(value) -> str:
    """A cell holding an identity number: text (a number cell loses digits in Excel)."""
    if isinstance(value, float):
        raise ValueError("身份证号码须以文本格式填写（数字格式会丢失末尾数位）")
    number = normalise(str(value))
    problem = resident_id_problem(number)
    if problem:
        raise ValueError(problem)
    return number


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


CASE_COLUMNS = [
    Column("收到日期", "received_on", parse_date),
    Column("申请方式", "channel", choice(Channel)),
    Column("案件类别", "category", choice(Category)),
    Column("诉讼阶段", "criminal_stage", choice(CriminalStage), required=False),
    Column("援助事项", "matter", choice(Matter)),
    Column("申请人", "applicant_name"),
    Column("性别", "applicant_gender", choice(Gender)),
    Column("身份证号码", "applicant_id_number", parse_resident_id),
    Column("联系电话", "applicant_phone", _text, required=False),
    Column("住所地", "applicant_address", required=False),
    Column("案情摘要", "summary"),
    Column("经济困难审查", "means_test", choice(MeansTest), required=False),
    Column("免予核查事由", "exemption_reason", choice(ExemptionReason), required=False),
]


def store_cases(actor, rows: list[dict]) -> int:
    """Register every row through `case_register`; one bad row and nothing is written."""
    collector = RowCollector(CASE_COLUMNS)
    created = 0
    with transaction.atomic():
        for row in rows:
            fields = {k: v for k, v in row.items() if k != "_row" and v not in (None, "")}
            try:
                with transaction.atomic():
                    services.case_register(actor=actor, origin="application", **fields)
            except ValidationError as exc:
                collector.field_errors(row["_row"], exc)
                continue
            created += 1
        collector.raise_if_any()
    return created


def _existing_cases(actor, keys: set[tuple]) -> set[tuple]:
    indexes = {blind_index(k[1], "resident_id"): k for k in keys}
    found = set()
    for index, received in (
        AidCase.objects.for_user(actor)
        .filter(applicant_id_index__in=list(indexes), received_on__in={k[0] for k in keys})
        .values_list("applicant_id_index", "received_on")
    ):
        key = indexes.get(index)
        if key is not None and key[0] == received:
            found.add(key)
    return found


CASE_IMPORT = ImportSpec(
    name="legal_aid.AidCase",
    columns=CASE_COLUMNS,
    store=store_cases,
    natural_key=("received_on", "applicant_id_number"),
    existing_keys=_existing_cases,
)


TALLY_COLUMNS = [
    Column("日期", "consulted_on", parse_date),
    Column("咨询方式", "channel", choice(ConsultChannel)),
    Column("咨询事项", "topic", choice(Matter), required=False),
    Column("人次", "persons", parse_count),
    Column("备注", "summary", required=False),
]


def store_tally(actor, rows: list[dict]) -> int:
    collector = RowCollector(TALLY_COLUMNS)
    created = 0
    with transaction.atomic():
        for row in rows:
            if not row["persons"]:
                collector.add(row["_row"], "人次", "人次至少为1")
                continue
            try:
                with transaction.atomic():
                    services.consultation_tally_record(
                        actor=actor,
                        consulted_on=row["consulted_on"],
                        channel=row["channel"],
                        topic=row.get("topic") or Matter.OTHER,
                        persons=row["persons"],
                        summary=row.get("summary") or "",
                    )
            except ValidationError as exc:
                collector.field_errors(row["_row"], exc)
                continue
            created += 1
        collector.raise_if_any()
    return created


def _existing_tallies(actor, keys: set[tuple]) -> set[tuple]:
    stored = Consultation.objects.for_user(actor).filter(
        tally=True, consulted_on__in={k[0] for k in keys}
    )
    present = set(stored.values_list("consulted_on", "channel", "topic"))
    return {k for k in keys if (k[0], k[1], k[2] or Matter.OTHER) in present}


TALLY_IMPORT = ImportSpec(
    name="legal_aid.ConsultationTally",
    columns=TALLY_COLUMNS,
    store=store_tally,
    natural_key=("consulted_on", "channel", "topic"),
    existing_keys=_existing_tallies,
)
