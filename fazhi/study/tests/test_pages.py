"""The study pages: choices limited to the user's own unit, the overview per role, the 工作台."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.core.workbench import items_for
from fazhi.study import services
from fazhi.study.models import StudySession
from fazhi.study.tests.factories import make_law_list, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def this_years_list(district):
    return make_law_list(district.parent, year=timezone.localdate().year)


def test_the_add_page_offers_only_the_units_own_people_and_the_list_in_force(
    client, clerk_a, unit_b, this_years_list
):
    make_staff(clerk_a.unit, name="本局干部")
    make_staff(unit_b, name="外单位干部")
    client.force_login(clerk_a)
    page = client.get(reverse("admin:study_studysession_add")).content.decode()
    assert "本局干部" in page and "外单位干部" not in page
    assert "《民法典》" in page


def test_a_forged_attendee_of_another_unit_is_refused_on_the_page(
    client, clerk_a, unit_b, this_years_list
):
    stranger = make_staff(unit_b, name="外单位干部")
    client.force_login(clerk_a)
    response = client.post(
        reverse("admin:study_studysession_add"),
        {
            "kind": "lecture",
            "held_on": timezone.localdate().isoformat(),
            "topic": "法治讲座",
            "attendees": [stranger.pk],
        },
    )
    assert response.status_code == 200
    assert "不在可用的选项中" in response.content.decode()
    assert StudySession.objects.count() == 0


def test_the_overview_shows_the_office_every_unit_and_a_clerk_only_their_own(
    client, verified_client, clerk_a, office_staff, unit_b, this_years_list
):
    year = timezone.localdate().year
    services.study_session_record(
        actor=clerk_a,
        unit=clerk_a.unit,
        kind="lecture",
        held_on=date(year, 1, 2),
        topic="讲座",
        laws=list(this_years_list.laws.all()[:2]),
    )
    url = reverse("admin:study_studysession_overview") + f"?year={year}"
    page = verified_client(office_staff).get(url).content.decode()
    assert f'data-unit="{clerk_a.unit.name}"' in page and f'data-unit="{unit_b.name}"' in page
    client.force_login(clerk_a)
    page = client.get(url).content.decode()
    assert f'data-unit="{clerk_a.unit.name}"' in page and f'data-unit="{unit_b.name}"' not in page
    assert "2 / 4（50.0%）" in page


def test_open_tasks_are_the_units_to_dos_and_overdue_ones_the_offices_warnings(
    clerk_a, clerk_b, office_staff
):
    today = timezone.localdate()
    overdue = services.committee_task_assign(
        actor=office_staff,
        unit=clerk_a.unit,
        title="逾期任务",
        assigned_on=today - timedelta(days=120),
        period_rule="study.task_short",
    )
    services.committee_task_assign(
        actor=office_staff,
        unit=clerk_a.unit,
        title="新交办任务",
        assigned_on=today,
        period_rule="study.task_half_year",
    )
    todos, _warnings = items_for(clerk_a)
    mine = [i for i in todos if i.source == "study"]
    assert {i.title.split("：")[1].split("（")[0] for i in mine} == {"逾期任务", "新交办任务"}
    assert next(i for i in mine if "逾期任务" in i.title).level == "overdue"
    assert [i for i in items_for(clerk_b)[0] if i.source == "study"] == []
    _todos, warnings = items_for(office_staff)
    office = [i for i in warnings if i.source == "study"]
    assert [i.due_date for i in office] == [overdue.due_date]


PAGES = [
    "admin:study_studysession_add",
    "admin:study_studysession_changelist",
    "admin:study_studysession_overview",
    "admin:study_staffmember_add",
    "admin:study_requiredlawlist_changelist",
    "admin:study_requiredlawlist_add",
    "admin:study_lawexamentry_changelist",
    "admin:study_lawexamentry_import",
    "admin:study_appointmentexam_add",
    "admin:study_committeemeeting_add",
    "admin:study_committeetask_changelist",
    "admin:study_dutyreport_add",
    "admin:study_responsibilitylist_add",
    "admin:publicity_publicityduty_add",
    "admin:publicity_publicityevent_add",
    "admin:publicity_publicityevent_import",
    "admin:publicity_livestream_add",
    "admin:publicity_culturesite_add",
    "admin:publicity_demonstrationvillage_add",
    "admin:publicity_legalliterate_add",
]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_opens_for_a_clerk_and_the_office(
    name, client, verified_client, clerk_a, office_staff, this_years_list
):
    client.force_login(clerk_a)
    assert client.get(reverse(name)).status_code in (200, 403)
    assert verified_client(office_staff).get(reverse(name)).status_code == 200


def test_a_task_page_shows_its_deadline_and_timeline(verified_client, office_staff, unit_a):
    task = services.committee_task_assign(
        actor=office_staff,
        unit=unit_a,
        title="制定学法计划",
        assigned_on=date(2024, 4, 1),
        period_rule="study.task_standard",
    )
    page = (
        verified_client(office_staff)
        .get(reverse("admin:study_committeetask_change", args=[task.pk]))
        .content.decode()
    )
    assert f"{task.due_date:%Y-%m-%d}前" in page and "交办蒸湘区人力资源和社会保障局" in page
    assert 'data-action="follow_up"' in page and 'data-action="complete"' in page
