"""Frozen report versions: the numbers a saved (定稿) or exported version showed, with their
provenance, kept so that later records (a back-dated case, a corrected return) never silently
change an issued report.

`take(rendered)` records every figure of a rendered report: the text it showed, the exact value,
the formula, and where it came from (the register rows, the accepted returns, or the parts),
limited to `RECORD_LIMIT` rows per figure. `SnapshotSource` answers a build from that record
instead of the live data. `changes(snapshot, rendered)` lists what differs between a frozen
version and today's data, named by indicator, never by code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from fazhi.reports.placeholders import Placeholder
from fazhi.reports.source import Figure

RECORD_LIMIT = 200
WHAT_LABELS = {
    "previous": "上年",
    "preceding": "上期",
    "yoy": "同比",
    "pop": "环比",
    "change": "增减",
    "percent_change": "增幅",
    "target": "目标",
    "vs_target": "与目标相比",
    "share": "占比",
    "items": "分项",
    "at_least": "以上",
    "over": "超",
    "near": "近",
}


def _text(number) -> str | None:
    return None if number is None else str(number)


def _provenance(value) -> dict:
    provenance = value.provenance
    data = {"kind": provenance.kind, "description": provenance.description}
    if provenance.kind == "records":
        data["record_count"] = provenance.record_count
        data["records"] = [
            [r.label, r.url, r.unit_name] for r in provenance.records(limit=RECORD_LIMIT)
        ]
    elif provenance.kind == "returns":
        data["revisions"] = [
            {
                "unit_name": r.unit_name,
                "revision": r.revision,
                "value": _text(r.value),
                "submitted_by": r.submitted_by,
                "accepted_by": r.accepted_by,
                "accepted_at": r.accepted_at.isoformat() if r.accepted_at else "",
                "url": r.url,
            }
            for r in provenance.revisions
        ]
    else:
        data["parts"] = [
            {
                "name": p.name,
                "exact_display": p.exact_display,
                "description": p.provenance.description,
            }
            for p in provenance.parts
        ]
    return data


def value_record(value, *, parts: bool = True) -> dict:
    record = {
        "code": value.code,
        "name": value.name,
        "value": _text(value.value),
        "display": value.display,
        "exact_display": value.exact_display,
        "formula": value.formula,
        "measure": value.measure,
        "kind": value.kind,
        "source": value.source,
        "scope_label": value.scope_label,
        "provenance": _provenance(value),
    }
    if parts:
        for role in ("numerator", "denominator"):
            part = getattr(value, role, None)
            if part is not None:
                record[role] = value_record(part, parts=False)
    return record


def label_of(placeholder: Placeholder, name: str) -> str:
    """A figure named in Chinese: 行政复议新收案件（行政行为类型：行政处罚，上年）."""
    qualifiers = []
    if placeholder.dimension:
        qualifiers.append(
            f"{placeholder.dimension}：{placeholder.member}"
            if placeholder.member
            else placeholder.dimension
        )
    if placeholder.period:
        qualifiers.append(placeholder.period)
    if placeholder.what:
        qualifiers.append(WHAT_LABELS.get(placeholder.what, placeholder.what))
    return f"{name}（{'，'.join(qualifiers)}）" if qualifiers else name


def figure_record(figure: Figure) -> dict:
    value = figure.value
    record = {
        "text": figure.text,
        "label": label_of(figure.placeholder, value.name if value is not None else figure.code),
        "value": value_record(value) if value is not None else None,
        "compared_with": None,
    }
    if figure.comparison is not None:
        record["comparison"] = figure.comparison.as_dict()
        record["compared_with"] = value_record(figure.comparison.previous)
    if figure.target is not None:
        record["target"] = figure.target.as_dict()
    if figure.breakdown is not None:
        record["breakdown"] = figure.breakdown.as_dict()
    return record


def take(rendered) -> dict:
    """The numbers a rendered report shows, with their provenance."""
    return {
        "taken_at": timezone.now().isoformat(),
        "figures": {
            key: figure_record(f) for key, f in rendered.placeholder_figures.items() if not f.error
        },
        "values": {code: value_record(v) for code, v in rendered.values.items()},
        "issues": [i.as_dict() for i in rendered.issues],
    }


def changes(snapshot: dict, rendered) -> list[dict]:
    """Figures whose text or exact value differs between a frozen version and `rendered`."""
    found = []
    before = snapshot.get("figures", {})
    for key, figure in rendered.placeholder_figures.items():
        if figure.error:
            continue
        now = figure_record(figure)
        old = before.get(key)
        if old is None:
            continue
        old_value = (old.get("value") or {}).get("value")
        new_value = (now.get("value") or {}).get("value")
        if old["text"] != now["text"] or old_value != new_value:
            found.append(
                {
                    "label": now["label"],
                    "before": old["text"],
                    "after": now["text"],
                    "before_exact": (old.get("value") or {}).get("exact_display", ""),
                    "after_exact": (now.get("value") or {}).get("exact_display", ""),
                }
            )
    return found


# --- building from a snapshot ----------------------------------------------------------------
@dataclass
class FrozenRecord:
    label: str
    url: str
    unit_name: str


@dataclass
class FrozenProvenance:
    kind: str
    description: str
    record_count: int = 0
    stored_records: list = field(default_factory=list)
    revisions: list = field(default_factory=list)
    parts: list = field(default_factory=list)

    def records(self, limit: int = 50) -> list[FrozenRecord]:
        return [FrozenRecord(*r) for r in self.stored_records[:limit]]


@dataclass
class FrozenValue:
    """A Value as it was when the version was frozen (the fields the report reads)."""

    code: str
    name: str
    value: Decimal | None
    display: str
    exact_display: str
    formula: str
    measure: str
    kind: str
    source: str
    scope_label: str
    provenance: FrozenProvenance
    numerator: object = None
    denominator: object = None
    variants: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    approximate: bool = False
    variant_label: str = ""
    target: object = None

    @classmethod
    def from_record(cls, record: dict) -> FrozenValue:
        provenance = record.get("provenance") or {}
        parts = {
            role: cls.from_record(record[role])
            for role in ("numerator", "denominator")
            if record.get(role)
        }
        return cls(
            **parts,
            code=record["code"],
            name=record["name"],
            value=None if record.get("value") is None else Decimal(record["value"]),
            display=record["display"],
            exact_display=record["exact_display"],
            formula=record.get("formula", ""),
            measure=record.get("measure", ""),
            kind=record.get("kind", ""),
            source=record.get("source", ""),
            scope_label=record.get("scope_label", ""),
            provenance=FrozenProvenance(
                kind=provenance.get("kind", "none"),
                description=provenance.get("description", ""),
                record_count=provenance.get("record_count", 0),
                stored_records=provenance.get("records", []),
                revisions=provenance.get("revisions", []),
                parts=provenance.get("parts", []),
            ),
            approximate=record["display"] != record["exact_display"],
        )


class SnapshotSource:
    """Answers a build from a frozen version's snapshot instead of the live data."""

    frozen = True

    def __init__(self, snapshot: dict, *, unit, year: int):
        self.snapshot, self.unit, self.year = snapshot, unit, year
        self._figures = snapshot.get("figures", {})
        self._values = snapshot.get("values", {})

    def known(self, code: str) -> bool:
        return code in self._values or any(
            (f.get("value") or {}).get("code") == code for f in self._figures.values()
        )

    def figure(self, placeholder: Placeholder) -> Figure:
        record = self._figures.get(placeholder.key)
        if record is None:
            return Figure(placeholder, placeholder.raw, error="定稿时没有该数字")
        value = FrozenValue.from_record(record["value"]) if record.get("value") else None
        return Figure(placeholder, record["text"], value=value, values=[value] if value else [])

    def record(self, key: str) -> dict | None:
        return self._figures.get(key)

    def values(self, codes) -> dict:
        return {
            code: FrozenValue.from_record(self._values[code])
            for code in codes
            if code in self._values
        }

    def issues(self) -> list[dict]:
        return list(self.snapshot.get("issues", []))
