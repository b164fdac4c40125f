"""Writes of government services: the item catalog, 一件事 packages, the hall's windows,
stationed units and daily tallies. Applications are written only by the bulk import
(`fazhi.govservices.bulk.import_applications`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.models import Role
from fazhi.govservices.bulk import DEFAULT_HEADERS
from fazhi.govservices.models import (
    ApplicationSource,
    HallTally,
    OneThingPackage,
    ServiceItem,
    StationedUnit,
    TallyKind,
    WindowCount,
)


def _require_business_user(actor) -> None:
    if actor is None:
        return
    if not (actor.is_superuser or actor.has_role(Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)):
        raise ValidationError("当前账号无权登记政务服务信息。")


def _unit(actor, unit):
    unit = unit or getattr(actor, "unit", None)
    if unit is None:
        raise ValidationError("须指定所属单位。")
    return unit


@transaction.atomic
def item_register(
    *,
    actor,
    code: str,
    name: str,
    department,
    item_type: str,
    promised_days: int,
    statutory_days: int | None = None,
    online: bool = True,
    onsite: bool = True,
    platform_claimed_on: date | None = None,
    platform_configured_on: date | None = None,
    unit=None,
) -> ServiceItem:
    """Add an item to the 事项清单 (kept by the service centre for the implementing unit)."""
    _require_business_user(actor)
    item = ServiceItem(
        unit=_unit(actor, unit),
        code=code.strip(),
        name=name.strip(),
        department=department,
        item_type=item_type,
        promised_days=promised_days,
        statutory_days=statutory_days,
        online=online,
        onsite=onsite,
        platform_claimed_on=platform_claimed_on,
        platform_configured_on=platform_configured_on,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def item_claim(*, actor, item: ServiceItem, claimed_on: date, configured_on: date | None = None):
    """Record the 一网通办 claim of an item and, when done, its staff and workflow set-up."""
    _require_business_user(actor)
    item = ServiceItem.objects.select_for_update().get(pk=item.pk)
    item.platform_claimed_on = claimed_on
    item.platform_configured_on = configured_on
    item.full_clean()
    item.save(update_fields=["platform_claimed_on", "platform_configured_on"])
    return item


@transaction.atomic
def package_register(
    *,
    actor,
    name: str,
    launched_on: date,
    items: Iterable[ServiceItem] = (),
    active: bool = True,
    inactive_reason: str = "",
    unit=None,
) -> OneThingPackage:
    """A 一件事 package; one that is not accepting applications states why."""
    _require_business_user(actor)
    package = OneThingPackage(
        unit=_unit(actor, unit),
        name=name.strip(),
        launched_on=launched_on,
        active=active,
        inactive_reason=inactive_reason.strip(),
    )
    package.full_clean()
    package.save()
    package.items.set(list(items))
    return package


@transaction.atomic
def package_set_active(
    *, actor, package: OneThingPackage, active: bool, reason: str = ""
) -> OneThingPackage:
    _require_business_user(actor)
    package = OneThingPackage.objects.select_for_update().get(pk=package.pk)
    package.active = active
    package.inactive_reason = "" if active else reason.strip()
    package.full_clean()
    package.save(update_fields=["active", "inactive_reason"])
    return package


@transaction.atomic
def source_register(*, actor, name: str, headers: dict, note: str = "", unit=None):
    """A source system's column mapping (field → header in its export)."""
    _require_business_user(actor)
    unknown = set(headers) - set(DEFAULT_HEADERS)
    if unknown:
        raise ValidationError({"headers": f"未知的字段：{'、'.join(sorted(unknown))}。"})
    source = ApplicationSource(unit=_unit(actor, unit), name=name, headers=headers, note=note)
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def window_count_record(*, actor, on: date, windows: int, note: str = "", unit=None):
    """The hall has `windows` windows from `on` (e.g. raised to 28 after the May refit)."""
    _require_business_user(actor)
    record = WindowCount(unit=_unit(actor, unit), on=on, windows=windows, note=note)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def stationed_unit_record(
    *, actor, name: str, kind: str, stationed_on: date, left_on=None, unit=None
) -> StationedUnit:
    _require_business_user(actor)
    record = StationedUnit(
        unit=_unit(actor, unit), name=name, kind=kind, stationed_on=stationed_on, left_on=left_on
    )
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def tallies_record(*, actor, rows: list[dict], unit=None) -> int:
    """Store dated tallies (`on`, `kind`, `count`); all rows or none. Row rules live in
    imports.py (the one import path): this service trusts parsed values."""
    _require_business_user(actor)
    unit = _unit(actor, unit)
    records = []
    for row in rows:
        if row["kind"] not in TallyKind.values:
            raise ValidationError({"kind": "类别无效。"})
        record = HallTally(unit=unit, on=row["on"], kind=row["kind"], count=row["count"])
        record.full_clean(validate_unique=False)
        records.append(record)
    HallTally.objects.bulk_create(records)
    return len(records)
