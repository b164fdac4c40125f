"""Excel import of the legality-review ledger (history kept before the platform), and the
helpers the chain's other ledgers share: unit names and Chinese choice labels in cells.

An import stores every row or none: any bad cell raises `ImportProblems` naming row and column.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from fazhi.core.access import visible_unit_ids
from fazhi.core.models import Unit
from fazhi.core.xlsx import Column, ImportProblems, RowError, parse_date
from fazhi.review.models import Outcome, ReviewRequest, ReviewState, SubjectType


def choice(choices_class) -> Callable[[object], str]:
    """Parse a cell holding the Chinese label (or the code) of a TextChoices member."""
    by_label = {str(label): value for value, label in choices_class.choices}

    def parse(raw) -> str:
        text = str(raw).strip()
        if text in by_label:
            return by_label[text]
        if text in choices_class.values:
            return text
        allowed = "、".join(by_label)
        raise ValueError(f"“{text}”不是有效值（可填：{allowed}）")

    return parse


class UnitResolver:
    """Unit names (full or short) the importing user may see."""

    def __init__(self, user):
        visible = visible_unit_ids(user)
        units = Unit.objects.all() if visible is None else Unit.objects.filter(pk__in=visible)
        self.units = units
        self.cache: dict[str, Unit | None] = {}

    def get(self, name: str) -> Unit | None:
        name = (name or "").strip()
        if name not in self.cache:
            matches = list(self.units.filter(Q(name=name) | Q(short_name=name))[:2])
            self.cache[name] = matches[0] if len(matches) == 1 else None
        return self.cache[name]

    def any(self, name: str) -> Unit | None:
        """Any active unit by name (for a counterpart such as a lead unit or reviewing body)."""
        matches = list(Unit.objects.filter(Q(name=name.strip()) | Q(short_name=name.strip()))[:2])
        return matches[0] if len(matches) == 1 else None


class RowCollector:
    """Collects row errors; `field_errors` maps a ValidationError's fields to column headers."""

    def __init__(self, columns):
        self.problems = ImportProblems()
        self.headers = {c.key: c.header for c in columns}

    def add(self, row: int, column: str, reason: str) -> None:
        self.problems.errors.append(RowError(row, column, reason))

    def field_errors(self, row: int, exc: ValidationError, fallback: str = "-") -> None:
        if hasattr(exc, "error_dict"):
            for name, messages in exc.message_dict.items():
                header = self.headers.get(name, fallback)
                for message in messages:
                    self.add(row, header, message)
        else:
            for message in exc.messages:
                self.add(row, fallback, message)

    def raise_if_any(self) -> None:
        if self.problems.errors:
            raise self.problems


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
    from fazhi.review.services import _next_serial, default_reviewer_unit

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
                serial=_next_serial(reviewer, row["submitted_on"].year),
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
