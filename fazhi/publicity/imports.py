"""Excel import of the publicity activity ledger (活动台账): every row or none."""

from __future__ import annotations

from fazhi.core.imports import ImportSpec, choice
from fazhi.core.xlsx import Column, parse_count, parse_date
from fazhi.publicity.models import EventKind, PublicityEvent
from fazhi.publicity.services import event_import

EVENT_COLUMNS = [
    Column("主办单位", "unit"),
    Column("活动类型", "kind", choice(EventKind)),
    Column("活动名称", "title"),
    Column("活动日期", "held_on", parse_date),
    Column("活动地点", "place"),
    Column("承办", "organiser", required=False),
    Column("宣传对象", "audience", required=False),
    Column("参与群众（人次）", "participants", parse_count, required=False),
    Column("派发资料（份）", "materials", parse_count, required=False),
    Column("解答法律咨询（次）", "consultations", parse_count, required=False),
]


def _stored(actor, keys: set[tuple]) -> set[tuple]:
    """Activities already on the platform, by (主办单位, 活动名称, 活动日期)."""
    titles = {title for _unit, title, _on in keys}
    stored = set()
    rows = (
        PublicityEvent.objects.for_user(actor)
        .filter(title__in=titles)
        .values_list("unit__name", "unit__short_name", "title", "held_on")
    )
    for name, short, title, on in rows:
        stored.add((name, title, on))
        if short:
            stored.add((short, title, on))
    return stored & keys


EVENT_IMPORT = ImportSpec(
    name="publicity.PublicityEvent",
    columns=EVENT_COLUMNS,
    store=lambda actor, rows: event_import(actor=actor, rows=rows),
    natural_key=("unit", "title", "held_on"),
    existing_keys=_stored,
)
