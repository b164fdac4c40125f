"""Windows (统计期): any date range as a named period, for values, returns and campaigns."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.models import Role, User
from fazhi.core.testing.factories import UserFactory
from fazhi.indicators import registry, services
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.periods import Period, parse_period
from fazhi.indicators.selectors import indicator_value, window_periods, windows_for

from .helpers import accepted_return


def test_period_labels_and_earlier_periods():
    review = Period(date(2023, 9, 1), date(2024, 8, 31), "2024年案卷评查期")
    assert review.year == 2024 and review.label == "2024年案卷评查期"
    assert review.dates_label == "2023年9月1日至2024年8月31日"
    earlier = review.shifted()
    assert (earlier.start, earlier.end) == (date(2022, 9, 1), date(2023, 8, 31))
    assert earlier.name == "2023年案卷评查期"
    ten_months = Period(date(2024, 1, 1), date(2024, 10, 31))
    assert ten_months.label == "2024年1-10月"
    assert ten_months.shifted().label == "2023年1-10月"
    february = Period(date(2024, 2, 1), date(2024, 2, 29))  # leap year: the month end moves
    assert february.shifted().end == date(2023, 2, 28)
    q3 = Period(date(2024, 7, 1), date(2024, 9, 30))
    assert (q3.preceding().start, q3.preceding().end) == (date(2024, 4, 1), date(2024, 6, 30))
    odd = Period(date(2024, 3, 10), date(2024, 3, 19))  # 10 days → the 10 days before
    assert (odd.preceding().start, odd.preceding().end) == (date(2024, 2, 29), date(2024, 3, 9))
    with pytest.raises(ValidationError):
        Period(date(2024, 2, 1), date(2024, 1, 1))


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("上年", date(2023, 1, 1), date(2023, 12, 31)),
        ("上半年", date(2024, 1, 1), date(2024, 6, 30)),
        ("2023年下半年", date(2023, 7, 1), date(2023, 12, 31)),
        ("第三季度", date(2024, 7, 1), date(2024, 9, 30)),
        ("第4季度", date(2024, 10, 1), date(2024, 12, 31)),
        ("截至10月底", date(2024, 1, 1), date(2024, 10, 31)),
        ("1-10月", date(2024, 1, 1), date(2024, 10, 31)),
        ("3-5月", date(2024, 3, 1), date(2024, 5, 31)),
        ("2月", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-09-01~2024-08-31", date(2023, 9, 1), date(2024, 8, 31)),
    ],
)
def test_period_words_relative_to_the_report_year(text, start, end):
    period = parse_period(text, year=2024)
    assert (period.start, period.end) == (start, end)


def test_unknown_period_words_are_refused_in_chinese():
    with pytest.raises(ValidationError, match="无法识别统计期“明年春天”"):
        parse_period("明年春天", year=2024)
    with pytest.raises(ValidationError, match="日期无效"):
        parse_period("2024-02-30~2024-03-01", year=2024)
    named = {"评查期": Period(date(2023, 9, 1), date(2024, 8, 31), "评查期")}
    assert parse_period("评查期", year=2024, windows=named).start == date(2023, 9, 1)


@pytest.fixture
def joined(catalog):
    @registry.computed(
        code="testwin.accounts",
        name="新开账号",
        domain="测试",
        measure="个",
        formula="期内新开的账号数",
    )
    def accounts(scope):
        return User.objects.filter(
            unit__in=scope.units, date_joined__date__range=(scope.start, scope.end)
        )

    catalog_sync()
    yield
    registry.unregister("testwin.accounts")


def _join(unit, *days):
    for day in days:
        UserFactory(unit=unit, date_joined=timezone.make_aware(datetime(*day, 12)))


def test_a_window_counts_its_own_dates_and_names_the_figure(joined, office_staff, unit_a):
    _join(unit_a, (2023, 8, 31), (2023, 9, 1), (2024, 1, 5), (2024, 8, 31), (2024, 9, 1))
    window = services.window_define(
        actor=office_staff, name="2024年案卷评查期", start=date(2023, 9, 1), end=date(2024, 8, 31)
    )
    value = indicator_value("testwin.accounts", division_or_unit=unit_a, period=window)
    assert value.value == 3  # 2023-09-01, 2024-01-05, 2024-08-31
    assert value.scope_label == f"{unit_a.name}·2024年案卷评查期"
    year = indicator_value("testwin.accounts", division_or_unit=unit_a, year=2024)
    assert year.value == 3  # 2024-01-05, 2024-08-31, 2024-09-01
    through_october = indicator_value(
        "testwin.accounts",
        division_or_unit=unit_a,
        period=parse_period("截至10月底", year=2024),
    )
    assert through_october.value == 3 and through_october.scope_label.endswith("2024年1-10月")


def test_windows_are_defined_by_the_office_and_offered_below_it(
    office_staff, other_office, unit_a, clerk_a
):
    window = services.window_define(
        actor=office_staff, name="评查期", start=date(2023, 9, 1), end=date(2024, 8, 31)
    )
    assert list(windows_for(unit_a)) == [window]
    assert list(windows_for(other_office.unit)) == []  # another district's office
    assert window_periods(unit_a.division)["评查期"].end == date(2024, 8, 31)
    with pytest.raises(ValidationError, match="已有名为“评查期”"):
        services.window_define(
            actor=office_staff, name="评查期", start=date(2024, 1, 1), end=date(2024, 3, 1)
        )
    with pytest.raises(ValidationError, match="截止日期不能早于起始日期"):
        services.window_define(
            actor=office_staff, name="倒置", start=date(2024, 3, 1), end=date(2024, 1, 1)
        )
    with pytest.raises(ValidationError, match="只有依法治区办"):
        services.window_define(
            actor=clerk_a, name="x", start=date(2024, 1, 1), end=date(2024, 3, 1)
        )


def test_a_return_over_a_window_is_counted_in_that_window_only(catalog, office_staff, unit_a):
    window = services.window_define(
        actor=office_staff, name="2024学年", start=date(2023, 9, 1), end=date(2024, 8, 31)
    )
    request = services.return_request_open(
        actor=office_staff,
        title="学年填报",
        year=2024,
        indicators=["services.free_mailings"],
        units=[unit_a],
        due_date=date(2024, 9, 20),
        window=window,
    )
    assert (request.period_start, request.period_end) == (date(2023, 9, 1), date(2024, 8, 31))
    assert request.granularity == "window" and request.period_label == "2024学年"
    unit_return = request.returns.get()
    clerk = UserFactory(unit=unit_a, roles=[Role.CLERK])
    head = UserFactory(unit=unit_a, roles=[Role.UNIT_HEAD])
    services.return_fill(actor=clerk, unit_return=unit_return, values={"services.free_mailings": 7})
    services.return_submit(actor=head, unit_return=unit_return)
    services.return_accept(actor=office_staff, unit_return=unit_return)
    in_window = indicator_value("services.free_mailings", division_or_unit=unit_a, period=window)
    assert in_window.value == 7
    # a calendar year does not contain the window's figures: nothing is guessed
    assert (
        indicator_value("services.free_mailings", division_or_unit=unit_a, year=2024).value is None
    )
    accepted_return(office_staff, unit_a, {"services.free_mailings": 5}, year=2024)
    assert indicator_value("services.free_mailings", division_or_unit=unit_a, year=2024).value == 5


def test_window_pages(verified_client, office_staff, unit_a):
    client = verified_client(office_staff)
    response = client.post(
        "/indicators/windows/",
        {"name": "2024年案卷评查期", "start": "2023-09-01", "end": "2024-08-31", "note": ""},
    )
    assert response.status_code == 302
    page = client.get("/indicators/windows/").content.decode()
    assert "2024年案卷评查期" in page and "2023年9月1日至2024年8月31日" in page
    window = windows_for(unit_a).get()
    page = client.get(
        f"/indicators/?division={unit_a.division_id}&window={window.pk}"
    ).content.decode()
    assert '统计期：<strong id="period-label">2024年案卷评查期' in page
    assert client.get("/indicators/?window=999999").status_code == 404
