"""The registers' figures and compliance findings of a scope and period, kept between requests
while nothing changed.

Computing a district-year's register figures builds and compiles several hundred querysets and
runs one large statement; its compliance checks read the registers again. The 指标数据 page, the
cockpit and the report ask for the same figures again and again. They are kept (Django's cache)
beside the snapshot they were read under, and used again only when `fazhi.core.changes` says
that no transaction the snapshot did not see has committed since — one small statement, which
also gives the snapshot to keep new figures under. A transaction that has written reads its own
writes: it neither uses nor keeps anything.

Kept per scope built by `scope_for` (a unit, or a division's subtree), period, and day (the
figures of open deadlines depend on the date); dropped after `TIMEOUT` in any case.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.core.cache import cache as django_cache
from django.utils import timezone

from fazhi.core import changes
from fazhi.indicators import registry

TIMEOUT = 600  # seconds


def _code_version() -> str:
    """The register functions and checks behind the figures: what other code kept is not used."""
    names = sorted(
        f"{spec.code}={spec.function.__module__}.{spec.function.__qualname__}"
        for spec in registry.indicators().values()
        if spec.function is not None
    )
    names += sorted(
        f"{check.code}={check.function.__module__}.{check.function.__qualname__}"
        for check in registry.checks().values()
    )
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def _key(comp) -> str | None:
    scope = comp.scope
    if not scope.key:
        return None
    day = timezone.localdate().isoformat()
    return f"fazhi:figures:{_code_version()}:{scope.key}:{scope.start}:{scope.end}:{day}"


@dataclass
class Round:
    """One batch's reading and, per computation, the codes it held before, those restored, and
    the snapshot under which its kept entry is current after the batch."""

    reading: changes.Reading | None  # None: no computation whose figures are kept
    before: dict[int, set[str]] = field(default_factory=dict)
    restored: dict[int, set[str]] = field(default_factory=dict)
    current: dict[int, str] = field(default_factory=dict)

    @property
    def usable(self) -> bool:
        return self.reading is not None and not self.reading.writing


def restore(computations) -> Round:
    """Fill each computation's register figures (and findings) from what was kept, when still
    current."""
    keyed = [(comp, key) for comp in computations if (key := _key(comp)) is not None]
    if not keyed:
        return Round(None)
    kept = django_cache.get_many([key for _comp, key in keyed])
    entries = [(comp, kept.get(key)) for comp, key in keyed]
    batch = Round(changes.read([entry[0] if entry else None for _comp, entry in entries]))
    for comp, _entry in entries:
        comp._kept = batch  # asked once: a transaction that has written is not asked again
    if not batch.usable:
        return batch
    for (comp, entry), current in zip(entries, batch.reading.unchanged, strict=True):
        batch.before[id(comp)] = set(comp._raw)
        if not (entry and current):
            continue
        snapshot, figures, findings = entry
        batch.current[id(comp)] = snapshot
        filled = batch.restored.setdefault(id(comp), set())
        for code, (raw, summed_field, label) in figures.items():
            if code not in comp._raw and code not in comp._values:
                comp._raw[code] = Decimal(raw)
                comp._shapes[code] = (summed_field, apps.get_model(label))
                filled.add(code)
        if findings is not None and comp._findings is None:
            comp._findings = findings
    return batch


def keep(computations, batch: Round) -> None:
    """Keep what this batch restored or computed, under the snapshot read before it computed
    (figures held from an earlier batch may predate a write, and are not kept)."""
    if not batch.usable:
        return
    fresh = {}
    for comp in computations:
        key = _key(comp)
        if key is None or id(comp) not in batch.before:
            continue
        figures = {
            code: (str(raw), comp._shapes[code][0], comp._shapes[code][1]._meta.label)
            for code, raw in comp._raw.items()
            if code in comp._shapes and code not in batch.before[id(comp)]
        }
        if figures and set(figures) != batch.restored.get(id(comp), set()):
            fresh[key] = (batch.reading.snapshot, figures, comp._findings)
            batch.current[id(comp)] = batch.reading.snapshot
    if fresh:
        django_cache.set_many(fresh, TIMEOUT)


def keep_findings(comp) -> None:
    """Keep a computation's compliance findings beside its figures (computed after the batch's
    reading: at least as new as the snapshot they are kept under)."""
    batch = comp._kept
    key = _key(comp)
    if batch is None or not batch.usable or key is None:
        return
    entry = django_cache.get(key)
    snapshot = batch.current.get(id(comp))
    if entry is not None and entry[0] == snapshot:
        django_cache.set(key, (snapshot, entry[1], comp._findings), TIMEOUT)
    else:
        django_cache.set(key, (batch.reading.snapshot, {}, comp._findings), TIMEOUT)
