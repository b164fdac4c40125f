import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command

from fazhi.core.models import Role, Unit, UnitKind, User
from fazhi.core.passwords import ContextWordValidator
from fazhi.demo.users import DEMO_PASSWORD

SAVEPOINT = re.compile(r'SAVEPOINT "\w+"$')  # a test's transaction, not the page's


@pytest.mark.django_db
def test_load_demo_builds_the_district_and_is_idempotent(capsys):
    call_command("load_demo")
    first = Unit.objects.count()
    call_command("load_demo")
    assert Unit.objects.count() == first
    district_units = Unit.objects.filter(division__path__startswith="430000/430400/430408/")
    assert district_units.filter(kind__in=[UnitKind.VILLAGE, UnitKind.COMMUNITY]).count() == 54
    assert 28 <= district_units.filter(kind=UnitKind.DEPARTMENT).count() <= 32
    assert district_units.filter(kind__in=[UnitKind.TOWN, UnitKind.SUBDISTRICT]).count() == 5
    assert district_units.filter(is_justice_bureau=True).count() == 1
    assert district_units.filter(is_rule_of_law_office=True).count() == 1
    for role in Role.values:
        assert User.objects.filter(roles__contains=[role]).exists(), role
    printed = capsys.readouterr().out
    assert DEMO_PASSWORD in printed and "clerk_a" in printed


@pytest.mark.django_db
def test_demo_password_satisfies_the_password_policy():
    call_command("load_demo")
    validate_password(DEMO_PASSWORD)
    for user in User.objects.all():
        ContextWordValidator().validate(DEMO_PASSWORD, user)
        assert user.check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_every_persona_s_workbench_and_the_values_page_take_a_few_statements(verified_client):
    """Issue 19: the 工作台 in at most 15 statements (session, user, two-factor device, rules and
    calendar, then one statement per step of the registers' providers), and the 指标数据 page in
    at most 10, on the demo district."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.workbench import items_for
    from fazhi.indicators import registry
    from fazhi.indicators.selectors import indicator_overview

    call_command("load_demo")
    counts = {}
    for username in ("office", "clerk_a", "head_a", "recon", "advisor", "corrections", "legalaid"):
        user = User.objects.get(username=username)
        client = verified_client(user)
        client.get("/admin/")  # the session's first save
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/admin/")
        assert page.status_code == 200
        todos, warnings = items_for(user)
        counts[username] = (len(queries), len(todos) + len(warnings))
    assert all(statements <= 15 for statements, _items in counts.values()), counts
    assert counts["office"][1] > 50 and counts["recon"][1] > 10, (
        counts
    )  # the bound holds with items

    # The 指标数据 page: every figure of the district for this year and last, the relations
    # between them and every register's compliance checks, in a bounded number of statements.
    office = User.objects.get(username="office")
    client = verified_client(office)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/indicators/", {"year": 2024})
    assert page.status_code == 200
    overview = indicator_overview(division_or_unit=office.unit.division, year=2024, user=office)
    checks = {finding.check for finding in overview.findings if finding.check}
    assert len(checks & set(registry.checks())) >= 5, checks  # the bound holds with findings
    # served in autocommit mode; the test's transaction adds a savepoint around the registers'
    served = [q["sql"] for q in queries.captured_queries if not SAVEPOINT.search(q["sql"])]
    assert len(served) <= 10, [sql[:80] for sql in served]
