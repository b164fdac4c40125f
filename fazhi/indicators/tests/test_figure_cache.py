"""Figures and findings kept between requests: used again only while nothing has committed
since they were read, never by a transaction that has written, and always equal to what the
records give when counted directly."""

from datetime import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.models import User
from fazhi.core.testing.factories import UnitFactory, UserFactory
from fazhi.indicators import registry
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.compute import Computation, scope_for
from fazhi.indicators.registry import Finding

pytestmark = pytest.mark.django_db(transaction=True)

CODE, CHECK = "test.kept_accounts", "test.kept_accounts_check"
JOINED = timezone.make_aware(datetime(2024, 5, 1))
check_runs: list[int] = []


@pytest.fixture
def kept_indicators(db):
    @registry.computed(
        code=CODE, name="新开账号", domain="测试", measure="个", formula="年度内新开的账号数"
    )
    def accounts(scope):
        return User.objects.filter(
            unit__in=scope.units, date_joined__date__range=(scope.start, scope.end)
        )

    @registry.compliance_check(code=CHECK, name="账号过多", domain="测试")
    def too_many(scope):
        check_runs.append(1)
        users = yield User.objects.filter(unit__in=scope.units, is_active=True)
        return [Finding(message=f"共有{len(users)}个在用账号")] if users else []

    catalog_sync()
    cache.clear()
    check_runs.clear()
    yield
    registry.unregister(CODE, CHECK)


def _direct_count(division) -> int:
    """The figure counted straight from the table, without the backbone."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM core_user u JOIN core_unit n ON n.id = u.unit_id "
            "JOIN core_division d ON d.id = n.division_id "
            "WHERE d.path LIKE %s AND u.date_joined >= '2024-01-01' AND u.date_joined < '2025-01-01'",
            [f"{division.path}%"],
        )
        return cursor.fetchone()[0]


def _computed(division):
    """A new computation (as each request makes), its figure and the statements it took."""
    with CaptureQueriesContext(connection) as queries:
        comp = Computation(scope_for(division, 2024))
        value = comp.values([CODE])[CODE].value
    return value, [q["sql"] for q in queries.captured_queries]


def _accounts(unit, n):
    for _ in range(n):
        UserFactory(unit=unit, date_joined=JOINED)


def test_a_figure_is_read_again_from_what_was_kept_until_a_write_commits(kept_indicators, district):
    unit = UnitFactory(division=district)
    _accounts(unit, 3)
    first, first_sql = _computed(district)
    assert first == _direct_count(district) == 3
    again, again_sql = _computed(district)
    assert again == first
    # the catalog and the question "anything written since?"; the register is not read
    assert len(again_sql) == 2 < len(first_sql)
    assert not any("core_user" in sql for sql in again_sql)
    _accounts(unit, 2)  # committed
    after, after_sql = _computed(district)
    assert after == _direct_count(district) == 5
    assert any("core_user" in sql for sql in after_sql)


def test_a_transaction_that_has_written_reads_its_own_writes_and_keeps_nothing(
    kept_indicators, district
):
    unit = UnitFactory(division=district)
    _accounts(unit, 1)
    assert _computed(district)[0] == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        _accounts(unit, 4)
        assert _computed(district)[0] == _direct_count(district) == 5
        raise RuntimeError
    value, sql = _computed(district)
    assert value == _direct_count(district) == 1
    assert not any("core_user" in q for q in sql)  # what was kept before it still holds


def test_another_scope_or_year_is_never_given_a_kept_figure(kept_indicators, district):
    unit = UnitFactory(division=district)
    other = UnitFactory(division=district)
    _accounts(unit, 2)
    _accounts(other, 1)
    assert _computed(district)[0] == 3
    with CaptureQueriesContext(connection):
        only_unit = Computation(scope_for(unit, 2024)).values([CODE])[CODE].value
        last_year = Computation(scope_for(district, 2023)).values([CODE])[CODE].value
    assert only_unit == 2
    assert last_year == 0


def test_findings_are_kept_with_the_figures(kept_indicators, district):
    unit = UnitFactory(division=district)
    _accounts(unit, 2)

    def findings():
        comp = Computation(scope_for(district, 2024))
        comp.values([CODE])
        return [f.message for f in comp.compliance_findings() if f.check == CHECK]

    assert findings() == ["共有2个在用账号"]
    assert findings() == ["共有2个在用账号"]
    assert len(check_runs) == 1  # the second time, the check was not run
    _accounts(unit, 1)
    assert findings() == ["共有3个在用账号"]
    assert len(check_runs) == 2


def test_findings_asked_alone_are_kept_too(kept_indicators, district):
    """The office's status matrix asks for a scope's findings without its figures."""
    unit = UnitFactory(division=district)
    _accounts(unit, 1)

    def findings():
        comp = Computation(scope_for(district, 2024))
        return [f.message for f in comp.compliance_findings() if f.check == CHECK]

    assert findings() == findings() == ["共有1个在用账号"]
    assert len(check_runs) == 1
    User.objects.filter(unit=unit).update(is_active=False)  # committed
    assert findings() == []
    assert len(check_runs) == 2
