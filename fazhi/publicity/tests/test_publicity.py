"""The publicity register: duties and their completion, activities with materials and
consultations, livestreams, villages' titles and 法律明白人; the figures counted by hand."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from fazhi.core.imports import run_import
from fazhi.core.models import UnitKind
from fazhi.core.testing.factories import UnitFactory
from fazhi.core.xlsx import ImportProblems
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.selectors import indicator_values
from fazhi.publicity import services
from fazhi.publicity.imports import EVENT_COLUMNS, EVENT_IMPORT
from fazhi.publicity.models import (
    DutyState,
    EventKind,
    LegalLiterate,
    PublicityEvent,
    VillageLevel,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _catalog(db):
    catalog_sync()


def _event(actor, unit, held_on, materials, consultations, **extra):
    return services.event_record(
        actor=actor,
        unit=unit,
        kind=extra.pop("kind", EventKind.NINE_INTO),
        title=extra.pop("title", f"法律进社区{held_on}"),
        held_on=held_on,
        place="社区广场",
        materials=materials,
        consultations=consultations,
        **extra,
    )


def test_events_and_livestreams_give_the_years_figures(clerk_a, clerk_b, district):
    _event(clerk_a, clerk_a.unit, date(2024, 3, 5), 1200, 15)
    civil_code = _event(
        clerk_a, clerk_a.unit, date(2024, 5, 20), 800, 9, kind=EventKind.CIVIL_CODE_MONTH
    )
    _event(clerk_b, clerk_b.unit, date(2024, 12, 4), 500, 4, kind=EventKind.CONSTITUTION_WEEK)
    _event(clerk_a, clerk_a.unit, date(2023, 12, 4), 999, 99)  # another year
    services.livestream_record(
        actor=clerk_a,
        unit=clerk_a.unit,
        title="民法典直播",
        platform="抖音",
        held_on=date(2024, 5, 20),
        views=1000,
        likes=5000,
        stats_on=date(2024, 6, 20),
        event=civil_code,
    )
    services.livestream_record(
        actor=clerk_b,
        unit=clerk_b.unit,
        title="宪法直播",
        platform="视频号",
        held_on=date(2024, 12, 4),
        views=736,
        likes=3124,
        stats_on=date(2024, 12, 31),
    )
    values = indicator_values(
        [
            "publicity.events",
            "publicity.materials",
            "publicity.consultations",
            "publicity.livestreams",
            "publicity.livestream_views",
            "publicity.livestream_likes",
        ],
        division_or_unit=district,
        year=2024,
    )
    assert {code: v.value for code, v in values.items()} == {
        "publicity.events": 3,
        "publicity.materials": 2500,
        "publicity.consultations": 28,
        "publicity.livestreams": 2,
        "publicity.livestream_views": 1736,
        "publicity.livestream_likes": 8124,
    }
    assert values["publicity.materials"].display == "2000余份"
    assert values["publicity.livestream_views"].display == "1700余人次"


def test_a_livestreams_statistics_are_refreshed_but_never_backdated(clerk_a):
    stream = services.livestream_record(
        actor=clerk_a,
        unit=clerk_a.unit,
        title="直播",
        platform="抖音",
        held_on=date(2024, 5, 20),
        views=100,
        likes=200,
        stats_on=date(2024, 5, 21),
    )
    stream = services.livestream_update_stats(
        actor=clerk_a, livestream=stream, views=1502, likes=7010, stats_on=date(2024, 6, 20)
    )
    assert (stream.views, stream.likes) == (1502, 7010)
    with pytest.raises(ValidationError, match="不能早于上次登记的日期"):
        services.livestream_update_stats(
            actor=clerk_a, livestream=stream, views=1, likes=1, stats_on=date(2024, 6, 1)
        )


def test_duties_and_their_completion_rate(clerk_a, clerk_b, district):
    first = services.duty_add(actor=clerk_a, unit=clerk_a.unit, year=2024, title="宣传劳动合同法")
    services.duty_add(actor=clerk_a, unit=clerk_a.unit, year=2024, title="宣传社会保险法")
    services.duty_add(actor=clerk_b, unit=clerk_b.unit, year=2024, title="宣传基本医疗卫生法")
    with pytest.raises(ValidationError, match="只能登记本单位"):
        services.duty_complete(actor=clerk_b, duty=first, on=date(2024, 11, 1))
    done = services.duty_complete(actor=clerk_a, duty=first, on=date(2024, 11, 1), note="已开展")
    assert done.state == DutyState.DONE and done.completed_on == date(2024, 11, 1)
    with pytest.raises(ValidationError, match="已登记完成"):
        services.duty_complete(actor=clerk_a, duty=done, on=date(2024, 11, 2))
    rate = indicator_values(
        ["publicity.duty_completion_rate"], division_or_unit=district, year=2024
    )["publicity.duty_completion_rate"]
    assert (rate.numerator.value, rate.denominator.value) == (1, 3)


def test_an_event_cannot_claim_another_units_duty(clerk_a, clerk_b):
    theirs = services.duty_add(actor=clerk_b, unit=clerk_b.unit, year=2024, title="宣传")
    with pytest.raises(ValidationError, match="只能关联本单位的普法责任事项"):
        _event(clerk_a, clerk_a.unit, date(2024, 3, 5), 10, 1, duty=theirs)
    assert PublicityEvent.objects.count() == 0


def test_village_titles_and_legal_literates_belong_to_villages(office_staff, unit_a, district):
    village = UnitFactory(kind=UnitKind.VILLAGE, division=district, name="光辉村")
    services.demonstration_village_name(
        actor=office_staff, unit=village, level=VillageLevel.CITY, awarded_year=2022
    )
    for name in ("刘光辉", "陈光辉"):
        services.legal_literate_register(actor=office_staff, unit=village, name=name)
    with pytest.raises(ValidationError, match="不是村（社区）"):
        services.legal_literate_register(actor=office_staff, unit=unit_a, name="张三")
    assert LegalLiterate.objects.count() == 2
    values = indicator_values(
        ["publicity.demonstration_villages", "publicity.legal_literates"],
        division_or_unit=district,
        year=2024,
    )
    assert values["publicity.demonstration_villages"].value == 1
    assert values["publicity.legal_literates"].value == 2


def _ledger(rows):
    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in EVENT_COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_event_ledger_import_is_all_or_nothing(clerk_a, unit_b):
    good = [clerk_a.unit.name, "宪法宣传周", "宪法进社区", "2024-12-04", "社区", "", "", 50, 300, 6]
    other = [unit_b.name, "宪法宣传周", "宪法进学校", "2024-12-05", "学校", "", "", 50, 300, 6]
    bad_kind = [clerk_a.unit.name, "普法大会", "大会", "2024-12-06", "礼堂", "", "", 1, 1, 1]
    with pytest.raises(ImportProblems) as problems:
        run_import(EVENT_IMPORT, _ledger([good, other, bad_kind]), actor=clerk_a)
    messages = [str(e) for e in problems.value.errors]
    assert any(m.startswith("第4行“活动类型”列") for m in messages)
    assert PublicityEvent.objects.count() == 0
    with pytest.raises(ImportProblems, match="不存在或不在本账号管辖范围内"):
        run_import(EVENT_IMPORT, _ledger([good, other]), actor=clerk_a)
    assert PublicityEvent.objects.count() == 0
    result = run_import(EVENT_IMPORT, _ledger([good]), actor=clerk_a)
    assert result.created == 1
    event = PublicityEvent.objects.get()
    assert (event.kind, event.materials, event.consultations) == (
        EventKind.CONSTITUTION_WEEK,
        300,
        6,
    )
