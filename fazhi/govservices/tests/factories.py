"""Factories of government services and their isolation factories."""

import itertools
from datetime import date, datetime

from django.utils import timezone

from fazhi.core.testing.isolation import isolation_factory
from fazhi.govservices.models import (
    ApplicationResult,
    ApplicationSource,
    Channel,
    HallTally,
    ImportBatch,
    ItemType,
    OneThingPackage,
    ServiceApplication,
    ServiceItem,
    StationedKind,
    StationedUnit,
    TallyKind,
    WindowCount,
)

_seq = itertools.count(1)


@isolation_factory("govservices.ServiceItem")
def make_item(unit, **fields) -> ServiceItem:
    n = next(_seq)
    values = {
        "code": f"GS-{n:06d}",
        "name": f"测试事项{n}",
        "department": unit,
        "item_type": ItemType.LICENCE,
        "promised_days": 5,
    }
    values.update(fields)
    return ServiceItem.objects.create(unit=unit, **values)


@isolation_factory("govservices.OneThingPackage")
def make_package(unit, **fields) -> OneThingPackage:
    values = {"name": f"一件事{next(_seq)}", "launched_on": date(2024, 1, 1)}
    values.update(fields)
    return OneThingPackage.objects.create(unit=unit, **values)


@isolation_factory("govservices.ApplicationSource")
def make_source(unit, **fields) -> ApplicationSource:
    values = {"name": f"数据来源{next(_seq)}", "headers": {"number": "办件编号"}}
    values.update(fields)
    return ApplicationSource.objects.create(unit=unit, **values)


@isolation_factory("govservices.ImportBatch")
def make_batch(unit, **fields) -> ImportBatch:
    values = {"file_name": "办件.csv", "file_format": "csv", "rows": 1, "created": 1}
    values.update(fields)
    return ImportBatch.objects.create(unit=unit, **values)


@isolation_factory("govservices.ServiceApplication")
def make_application(unit, **fields) -> ServiceApplication:
    n = next(_seq)
    received = timezone.make_aware(datetime(2024, 3, 4, 9, 30))
    values = {
        "number": f"SQ{n:010d}",
        "channel": Channel.ONLINE,
        "received_at": received,
        "received_on": date(2024, 3, 4),
        "result": ApplicationResult.PENDING,
        "promised_days": 5,
        "due_date": date(2024, 3, 11),
    }
    values.update(fields)
    item = values.pop("item", None) or make_item(unit)
    return ServiceApplication.objects.create(unit=unit, item=item, **values)


@isolation_factory("govservices.WindowCount")
def make_window_count(unit, **fields) -> WindowCount:
    values = {"on": date(2024, 1, 1), "windows": 20}
    values.update(fields)
    return WindowCount.objects.create(unit=unit, **values)


@isolation_factory("govservices.StationedUnit")
def make_stationed(unit, **fields) -> StationedUnit:
    values = {"name": f"进驻单位{next(_seq)}", "kind": StationedKind.DEPARTMENT}
    values.setdefault("stationed_on", date(2024, 1, 1))
    values.update(fields)
    return StationedUnit.objects.create(unit=unit, **values)


@isolation_factory("govservices.HallTally")
def make_tally(unit, **fields) -> HallTally:
    values = {"on": date(2024, 1, 2), "kind": TallyKind.VISITORS, "count": 10}
    values.update(fields)
    return HallTally.objects.create(unit=unit, **values)
