"""Excel import of the legality-review ledger (history kept before the platform).

An import stores every row or none: any bad cell raises `ImportProblems` naming row and column.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.imports import ImportSpec, RowCollector, UnitResolver, choice
from fazhi.core.xlsx import Column, parse_date
from fazhi.review.models import Outcome, ReviewRequest, ReviewState, SubjectType
from fazhi.review.services import default_reviewer_unit, next_serial

__all__ = ["REVIEW_IMPORT", "RowCollector", "UnitResolver", "choice", "review_import"]


REVIEW_COLUMNS = [
    Column("送审单位", "unit"),
    Column("审查对象类型", "subject_type", choice(SubjectType)),
    Column("送审事项", "title"),
    Column("送审日期", "submitted_on", parse_date),
    Column("审查结论", "outcome", choice(Outcome)),
    Column("出具意见日期", "opinion_issued_on", parse_date),
    Column("审查意见", "conclusion", required=False),
    Column("审查机构", "reviewer_unit", required=False),
]


@transaction.atomic
def review_import(*, actor, rows: list[dict]) -> int:
    """Import reviews already decided (history). All rows or none."""
    collector = RowCollector(REVIEW_COLUMNS)
    units = UnitResolver(actor)
    created = 0
    for row in rows:
        number = row["_row"]
        unit = units.get(row["unit"])
        if unit is None:
            collector.add(number, "送审单位", f"单位“{row['unit']}”不存在或不在本账号管辖范围内")
            continue
        if row["outcome"] == Outcome.RETURNED:
            collector.add(number, "审查结论", "历史台账只导入已出具意见的审查（不含退回补充）")
            continue
        try:
            reviewer = (
                units.any(row["reviewer_unit"])
                if row.get("reviewer_unit")
                else default_reviewer_unit(unit)
            )
            if reviewer is None:
                collector.add(number, "审查机构", f"单位“{row['reviewer_unit']}”不存在")
                continue
            review = ReviewRequest(
                unit=unit,
                reviewer_unit=reviewer,
                year=row["submitted_on"].year,
                serial=next_serial(reviewer, row["submitted_on"].year),
                subject_type=row["subject_type"],
                title=row["title"],
                submitted_on=row["submitted_on"],
                state=ReviewState.DECIDED,
                outcome=row["outcome"],
                opinion_issued_on=row["opinion_issued_on"],
                conclusion=row.get("conclusion") or "",
            )
            review.full_clean()
            review.save()
            created += 1
        except ValidationError as exc:
            collector.field_errors(number, exc)
    collector.raise_if_any()
    return created


def _stored_keys(actor, keys: set[tuple]) -> set[tuple]:
    """Reviews already on the platform, by (送审单位, 送审事项, 送审日期) as the user may see them."""
    titles = {title for _unit, title, _on in keys}
    found = ReviewRequest.objects.for_user(actor).filter(title__in=titles)
    stored = set()
    for unit, unit_short, title, on in found.values_list(
        "unit__name", "unit__short_name", "title", "submitted_on"
    ):
        stored.add((unit, title, on))
        if unit_short:
            stored.add((unit_short, title, on))
    return stored & keys


REVIEW_IMPORT = ImportSpec(
    name="review.ReviewRequest",
    columns=REVIEW_COLUMNS,
    store=lambda actor, rows: review_import(actor=actor, rows=rows),
    natural_key=("unit", "title", "submitted_on"),
    existing_keys=_stored_keys,
)
