"""The `services.*` figures computed from records created here, counted by hand; the seed's
一(二) codes are computed by the three registers, never returned."""

from datetime import date, datetime

import pytest

from fazhi.govservices.bulk import DEFAULT_HEADERS, import_applications, write_csv
from fazhi.govservices.services import (
    package_register,
    stationed_unit_record,
    tallies_record,
    window_count_record,
)
from fazhi.govservices.tests.factories import make_item
from fazhi.indicators.registry import Source, indicator
from fazhi.indicators.seed import SEED_FIGURES
from fazhi.indicators.selectors import indicator_values

pytestmark = pytest.mark.django_db

FIELDS = (
    "number",
    "item_code",
    "channel",
    "received",
    "completed",
    "result",
    "package",
    "platform",
)


def test_the_seeds_section_one_two_figures_are_computed_by_the_registers():
    codes = [code for section, _l, code, _p in SEED_FIGURES if section == "一(二)"]
    assert len(codes) == 27
    for code in codes:
        spec = indicator(code)
        assert spec.source != Source.RETURNED, code
        assert spec.module.split(".")[1] in {
            "govservices",
            "disclosure",
            "employment",
            "indicators",
        }


def test_services_figures_from_records(centre_clerk, centre, unit_a, unit_b, district):
    claimed = make_item(centre, code="C1", department=unit_a, promised_days=3,
                        platform_claimed_on=date(2024, 2, 1), platform_configured_on=date(2024, 3, 1))  # fmt: skip
    make_item(centre, code="C2", department=unit_a, promised_days=5,
              platform_claimed_on=date(2024, 2, 1), platform_configured_on=date(2024, 3, 1))  # fmt: skip
    make_item(centre, code="C3", department=unit_b, promised_days=5,
              platform_claimed_on=date(2024, 2, 1))  # claimed, not configured: not counted  # fmt: skip
    assert claimed.pk
    package_register(actor=centre_clerk, name="新生儿出生一件事", launched_on=date(2024, 1, 1))
    package_register(actor=centre_clerk, name="农村建房一件事", launched_on=date(2024, 1, 1),
                     active=False, inactive_reason="系统未对接")  # fmt: skip
    rows = [
        # Mon 3/4 + 3 WD = Thu 3/7; completed 3/6: on time
        ("S1", "C1", "网上办理", "2024-03-04 09:00", "2024-03-06 10:00", "办结（准予）", "新生儿出生一件事", "是"),
        # Mon 3/4 + 3 WD = Thu 3/7; completed Fri 3/8: late
        ("S2", "C1", "现场办理", "2024-03-04 09:00", "2024-03-08 10:00", "办结（不予）", "", "否"),
        # received 2024, completed 2025: counted as received in 2024 only
        ("S3", "C2", "网上办理", "2024-12-30 09:00", "2025-01-03 10:00", "办结（准予）", "", "否"),
        ("S4", "C2", "现场办理", "2024-06-03 09:00", "", "办理中", "", "否"),
        ("S5", "C2", "网上办理", "2023-12-28 09:00", "2024-01-02 10:00", "办结（准予）", "", "否"),
    ]  # fmt: skip
    import_applications(write_csv(rows, [DEFAULT_HEADERS[f] for f in FIELDS]), actor=centre_clerk)
    window_count_record(actor=centre_clerk, on=date(2024, 1, 1), windows=22)
    window_count_record(actor=centre_clerk, on=date(2024, 5, 20), windows=28)
    window_count_record(actor=centre_clerk, on=date(2025, 3, 1), windows=30)
    stationed_unit_record(
        actor=centre_clerk, name="区人社局", kind="department", stationed_on=date(2020, 1, 1)
    )
    stationed_unit_record(actor=centre_clerk, name="供电公司", kind="enterprise",
                          stationed_on=date(2020, 1, 1), left_on=date(2024, 6, 30))  # fmt: skip
    tallies_record(actor=centre_clerk, rows=[
        {"on": date(2024, 3, 4), "kind": "consult_phone", "count": 30},
        {"on": date(2024, 3, 4), "kind": "consult_wechat", "count": 12},
        {"on": date(2024, 3, 4), "kind": "visitors", "count": 40},
        {"on": date(2025, 1, 2), "kind": "consult_phone", "count": 99},
    ])  # fmt: skip
    values = indicator_values(None, division_or_unit=district, year=2024)
    got = {code: values[code].value for code in [
        "services.applications", "services.applications_online", "services.applications_onsite",
        "services.completed", "services.completed_on_time", "services.one_thing_applications",
        "services.online_platform_applications", "services.items_claimed",
        "services.online_platform_units", "services.one_thing_items_active", "services.windows",
        "services.stationed_units", "services.consultations_remote", "services.visitors_onsite",
    ]}  # fmt: skip
    assert got == {
        "services.applications": 4, "services.applications_online": 2,
        "services.applications_onsite": 2, "services.completed": 3,
        "services.completed_on_time": 2, "services.one_thing_applications": 1,
        "services.online_platform_applications": 1, "services.items_claimed": 2,
        "services.online_platform_units": 1, "services.one_thing_items_active": 1,
        "services.windows": 28, "services.stationed_units": 1,
        "services.consultations_remote": 42, "services.visitors_onsite": 40,
    }  # fmt: skip
    rate = values["services.on_time_rate"]
    assert rate.display == "66.67%"
    assert "放假安排日历" in rate.formula
    assert datetime  # the timestamps above are local (Asia/Shanghai)
