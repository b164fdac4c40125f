"""Seed calendar version 1: the State Council holiday notices for 2024, 2025 and 2026 (T13-T15).

Each entry: (first, last, festival, [adjusted working days]). Every date from first to last is a
holiday (放假); the adjusted working days (调休上班) are weekend days worked instead.
"""

from datetime import date, timedelta

from django.db import migrations

NOTICES = {
    # 国务院办公厅关于2024年部分节假日安排的通知 (2023-10-25), T13
    2024: [
        ("2024-01-01", "2024-01-01", "元旦", []),
        ("2024-02-10", "2024-02-17", "春节", ["2024-02-04", "2024-02-18"]),
        ("2024-04-04", "2024-04-06", "清明节", ["2024-04-07"]),
        ("2024-05-01", "2024-05-05", "劳动节", ["2024-04-28", "2024-05-11"]),
        ("2024-06-10", "2024-06-10", "端午节", []),
        ("2024-09-15", "2024-09-17", "中秋节", ["2024-09-14"]),
        ("2024-10-01", "2024-10-07", "国庆节", ["2024-09-29", "2024-10-12"]),
    ],
    # 国办发明电〔2024〕12号 (2024-11-12), T14
    2025: [
        ("2025-01-01", "2025-01-01", "元旦", []),
        ("2025-01-28", "2025-02-04", "春节", ["2025-01-26", "2025-02-08"]),
        ("2025-04-04", "2025-04-06", "清明节", []),
        ("2025-05-01", "2025-05-05", "劳动节", ["2025-04-27"]),
        ("2025-05-31", "2025-06-02", "端午节", []),
        ("2025-10-01", "2025-10-08", "国庆节、中秋节", ["2025-09-28", "2025-10-11"]),
    ],
    # 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04), T15
    2026: [
        ("2026-01-01", "2026-01-03", "元旦", ["2026-01-04"]),
        ("2026-02-15", "2026-02-23", "春节", ["2026-02-14", "2026-02-28"]),
        ("2026-04-04", "2026-04-06", "清明节", []),
        ("2026-05-01", "2026-05-05", "劳动节", ["2026-05-09"]),
        ("2026-06-19", "2026-06-21", "端午节", []),
        ("2026-09-25", "2026-09-27", "中秋节", []),
        ("2026-10-01", "2026-10-07", "国庆节", ["2026-09-20", "2026-10-10"]),
    ],
}


def seed(apps, schema_editor):
    CalendarVersion = apps.get_model("deadlines", "CalendarVersion")
    CalendarDay = apps.get_model("deadlines", "CalendarDay")
    version = CalendarVersion.objects.create(
        number=1,
        years=sorted(NOTICES),
        note="初始数据：2024—2026 年国务院办公厅部分节假日安排通知",
        source="国务院办公厅通知（2023-10-25）；国办发明电〔2024〕12号；国务院办公厅通知（2025-11-04）",
    )
    days = []
    for entries in NOTICES.values():
        for first, last, name, workdays in entries:
            day, end = date.fromisoformat(first), date.fromisoformat(last)
            while day <= end:
                days.append(CalendarDay(version=version, date=day, kind="holiday", name=name))
                day += timedelta(days=1)
            for workday in workdays:
                days.append(
                    CalendarDay(
                        version=version, date=date.fromisoformat(workday), kind="workday", name=name
                    )
                )
    CalendarDay.objects.bulk_create(days)


def unseed(apps, schema_editor):
    apps.get_model("deadlines", "CalendarVersion").objects.filter(number=1).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
