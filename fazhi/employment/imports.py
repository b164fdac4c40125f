"""The recruitment platform's list of employers and positions, per fair (one import path)."""

from __future__ import annotations

from collections import defaultdict

from fazhi.core.imports import ImportSpec, RowCollector
from fazhi.core.xlsx import Column, parse_count
from fazhi.employment.models import FairPosition, JobFair
from fazhi.employment.services import positions_record

POSITION_COLUMNS = [
    Column("招聘会", "fair"),
    Column("企业名称", "employer"),
    Column("统一社会信用代码", "uscc", required=False),
    Column("岗位名称", "title"),
    Column("招聘人数", "openings", parse_count),
]


def position_import(*, actor, rows: list[dict]) -> int:
    collector = RowCollector(POSITION_COLUMNS)
    fairs = {f.name: f for f in JobFair.objects.for_user(actor)}
    grouped: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        fair = fairs.get(row["fair"].strip())
        if fair is None:
            collector.add(row["_row"], "招聘会", f"招聘会“{row['fair']}”未登记")
            continue
        if row["openings"] == 0:
            collector.add(row["_row"], "招聘人数", "招聘人数须大于0")
            continue
        grouped[fair.pk].append(row)
    collector.raise_if_any()
    created = 0
    for fair_id, fair_rows in grouped.items():
        fair = next(f for f in fairs.values() if f.pk == fair_id)
        created += positions_record(actor=actor, fair=fair, rows=fair_rows)
    return created


def _existing(actor, keys):
    names = {k[0] for k in keys}
    stored = FairPosition.objects.filter(employer__fair__name__in=names).values_list(
        "employer__fair__name", "employer__name", "title"
    )
    return set(stored)


POSITION_IMPORT = ImportSpec(
    name="employment.FairPosition",
    columns=POSITION_COLUMNS,
    store=lambda actor, rows: position_import(actor=actor, rows=rows),
    natural_key=("fair", "employer", "title"),
    existing_keys=_existing,
)
