"""The 工作台 by role: the office's items grouped by unit with the cockpit one click away; a
clerk sees the unit's deadlines; the head confirms a return; a locked return is reopened by
the office on the unit's 申请修订."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.cockpit import services
from fazhi.cockpit.models import RevisionRequest, RevisionState
from fazhi.core.models import Role
from fazhi.core.testing.factories import UnitFactory, UserFactory
from fazhi.core.workbench import group_by_unit, items_for
from fazhi.deadlines.models import ClockState
from fazhi.deadlines.services import clock_start
from fazhi.deadlines.tests.factories import WD5
from fazhi.indicators import services as returns
from fazhi.indicators.models import ReturnState
from fazhi.indicators.tests.factories import any_returned_indicator

pytestmark = pytest.mark.django_db


def overdue_clock(unit, *, owner=None, label="受理审查"):
    clock = clock_start(
        rule_code=WD5,
        trigger_date=timezone.localdate() - timedelta(days=40),
        subject=unit,
        unit=unit,
        owner=owner,
        label=f"{unit.name} {label}",
    )
    assert clock.state == ClockState.OVERDUE
    return clock


def accepted_return(office, clerk, head, unit):
    indicator = any_returned_indicator()
    request = returns.return_request_open(
        actor=office,
        title="2024年度统计",
        year=2024,
        indicators=[indicator.code],
        units=[unit],
        due_date=date(2099, 1, 20),
    )
    unit_return = request.returns.get()
    returns.return_fill(actor=clerk, unit_return=unit_return, values={indicator.code: 7})
    returns.return_submit(actor=head, unit_return=unit_return)
    returns.return_accept(actor=office, unit_return=unit_return)
    return unit_return


def test_the_office_sees_its_warnings_grouped_by_unit_each_opening_the_cockpit(
    verified_client, office_staff, unit_a, unit_b
):
    overdue_clock(unit_a)
    overdue_clock(unit_b, label="答复")
    overdue_clock(unit_b, label="补正")
    html = verified_client(office_staff).get("/admin/").content.decode()
    assert re.search(r'id="cockpit-link"[^>]*href="/cockpit/"', html)
    groups = re.findall(
        r'<details[^>]*data-unit="([^"]+)".*?<a class="text-primary-600 unit-link" href="([^"]+)">'
        r".*?</details>",
        html,
        re.S,
    )
    assert dict(groups) == {
        unit_a.name: f"/cockpit/unit/{unit_a.pk}/",
        unit_b.name: f"/cockpit/unit/{unit_b.pk}/",
    }
    section = html[html.index(f'data-unit="{unit_b.name}"') :]
    assert "2 项法定期限已逾期" in section[: section.index("</details>")]


def test_a_clerk_has_no_cockpit_and_sees_the_unit_s_deadlines(
    verified_client, clerk_a, head_a, unit_a
):
    overdue_clock(unit_a, owner=head_a, label="负责人承办")
    overdue_clock(unit_a, owner=clerk_a, label="本人承办")
    _todos, warnings = items_for(clerk_a)
    unit_warnings = [w.title for w in warnings if w.title.startswith("本单位期限")]
    assert unit_warnings == [f"本单位期限：{unit_a.name} 负责人承办"]  # own clocks are to-dos
    html = verified_client(clerk_a).get("/admin/").content.decode()
    assert 'id="cockpit-link"' not in html and "负责人承办" in html
    _todos, head_warnings = items_for(head_a)
    assert not [w for w in head_warnings if w.title.startswith("本单位期限")]


def test_office_workbench_queries_do_not_grow_with_units(office_staff, district):
    def count(n):
        for _ in range(n):
            overdue_clock(UnitFactory(division=district))
        with CaptureQueriesContext(connection) as queries:
            _todos, warnings = items_for(office_staff)
            groups = group_by_unit(office_staff, warnings)
        return len(queries), len(groups)

    items_for(office_staff)  # warm the per-process caches (content types, supervisor roles)
    few, few_groups = count(10)
    many, many_groups = count(90)
    assert (few_groups, many_groups) == (10, 100)
    assert few == many


def test_the_clerk_is_told_the_head_submits_and_the_head_confirms(
    client, office_staff, clerk_a, head_a, unit_a
):
    indicator = any_returned_indicator()
    request = returns.return_request_open(
        actor=office_staff,
        title="2024年度统计",
        year=2024,
        indicators=[indicator.code],
        units=[unit_a],
        due_date=date(2099, 1, 20),
    )
    url = reverse("indicators:return_detail", args=[request.returns.get().pk])
    client.force_login(clerk_a)
    page = client.get(url).content.decode()
    assert "请本单位负责人核对并报送" in page and "确认报送" not in page
    client.force_login(head_a)
    page = client.get(url).content.decode()
    assert "本人已核对本表数据" in page and "确认报送" in page


def test_a_locked_return_is_reopened_by_the_office_on_the_unit_s_application(
    client, verified_client, office_staff, clerk_a, head_a, unit_a
):
    unit_return = accepted_return(office_staff, clerk_a, head_a, unit_a)
    detail = reverse("indicators:return_detail", args=[unit_return.pk])
    client.force_login(head_a)
    page = client.get(detail).content.decode()
    assert 'id="revision-apply"' in page and "提出更正" not in page
    apply = reverse("cockpit:revision_apply", args=[unit_return.pk])
    client.post(apply, {"reason": ""})
    assert not RevisionRequest.objects.exists()  # a reason is required
    client.post(apply, {"reason": "漏报一件法律援助案件"})
    revision = RevisionRequest.objects.get()
    assert revision.state == RevisionState.PENDING and revision.requested_by == head_a
    page = client.get(detail).content.decode()
    assert 'id="revision-apply"' not in page  # one pending application at a time
    assert "待依法治区办处理" in page

    todos, _warnings = items_for(office_staff)
    (todo,) = [t for t in todos if "申请修订" in t.title]
    assert todo.unit_name == unit_a.name and "漏报一件法律援助案件" in todo.title
    office = verified_client(office_staff)
    office.post(todo.url, {"action": "grant"})
    revision.refresh_from_db()
    unit_return.refresh_from_db()
    assert revision.state == RevisionState.GRANTED and revision.decided_by == office_staff
    assert unit_return.state == ReturnState.DRAFT and unit_return.revision == 2
    assert "漏报一件法律援助案件" in unit_return.revisions.get(number=2).reason


def test_the_office_refuses_with_a_reason_and_the_head_is_told(
    client, verified_client, office_staff, clerk_a, head_a, unit_a
):
    unit_return = accepted_return(office_staff, clerk_a, head_a, unit_a)
    revision = services.revision_request_create(
        actor=head_a, unit_return=unit_return, reason="数据有误"
    )
    office = verified_client(office_staff)
    url = reverse("cockpit:revision", args=[revision.pk])
    office.post(url, {"action": "refuse", "note": ""})
    revision.refresh_from_db()
    assert revision.state == RevisionState.PENDING  # refusing needs a reason
    office.post(url, {"action": "refuse", "note": "已过年度统计截止期，请在下年度说明"})
    revision.refresh_from_db()
    unit_return.refresh_from_db()
    assert revision.state == RevisionState.REFUSED and unit_return.state == ReturnState.ACCEPTED
    _todos, warnings = items_for(head_a)
    assert any("不同意修订" in w.title and "已过年度统计截止期" in w.title for w in warnings)


def test_only_the_head_applies_and_another_unit_cannot_see_the_application(
    client, office_staff, clerk_a, head_a, clerk_b, unit_a
):
    unit_return = accepted_return(office_staff, clerk_a, head_a, unit_a)
    client.force_login(clerk_a)
    client.post(reverse("cockpit:revision_apply", args=[unit_return.pk]), {"reason": "有误"})
    assert not RevisionRequest.objects.exists()
    revision = services.revision_request_create(
        actor=head_a, unit_return=unit_return, reason="有误"
    )
    client.force_login(clerk_b)
    assert client.get(reverse("cockpit:revision", args=[revision.pk])).status_code == 404
    other_head = UserFactory(unit=clerk_b.unit, roles=[Role.UNIT_HEAD])
    client.force_login(other_head)
    response = client.post(
        reverse("cockpit:revision_apply", args=[unit_return.pk]), {"reason": "x"}
    )
    assert response.status_code == 404
