"""Who sees what (the justice bureau's supervisors see every unit of the district, a clerk their
own unit), the ID-number page, and the back-office pages of the register."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.models import AccessEvent, AccessEventKind
from fazhi.core.testing.factories import UnitFactory, UserFactory
from fazhi.core.xlsx import build_workbook
from fazhi.enforcement import imports, services
from fazhi.enforcement.models import EnforcementCase, Officer, ScoreSheet
from fazhi.enforcement.tests.factories import make_case, make_officer, make_sitting

pytestmark = pytest.mark.django_db


def test_supervisors_see_every_unit_of_the_district_and_clerks_their_own(
    unit_a, unit_b, other_district, clerk_a, supervisor, justice_bureau
):
    mine, theirs = make_officer(unit_a), make_officer(unit_b)
    far = make_officer(UnitFactory(division=other_district))
    assert set(Officer.objects.for_user(supervisor)) == {mine, theirs}
    assert set(Officer.objects.for_user(clerk_a)) == {mine}
    assert far not in Officer.objects.for_user(supervisor)
    # a clerk of the bureau without the designation sees the bureau's own records only
    plain = UserFactory(username="sfj_clerk", unit=justice_bureau, roles=["clerk"])
    assert list(Officer.objects.for_user(plain)) == []


def test_only_the_office_designates_and_only_bureau_accounts(office_staff, clerk_a, unit_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="执法监督人员须为司法局的工作人员"):
        services.supervisor_designate(actor=office_staff, user=clerk_a, on=date(2024, 1, 2))
    with pytest.raises(ValidationError, match="只有依法治区办工作人员"):
        services.supervisor_designate(actor=clerk_a, user=clerk_a, on=date(2024, 1, 2))


def test_id_number_page_for_the_cleared_and_logged(
    client, verified_client, clerk_a, supervisor, office_staff, unit_a
):
    officer = make_officer(unit_a, id_number="430408199003071234")
    url = reverse("admin:enforcement_officer_id_number", args=[officer.pk])
    for user in (clerk_a, supervisor):
        client.force_login(user)
        change = client.get(reverse("admin:enforcement_officer_change", args=[officer.pk]))
        assert "430408********1234" in change.content.decode()
        assert "430408199003071234" not in change.content.decode()
        assert client.get(url).status_code == 403
    office = verified_client(office_staff)
    page = office.get(url)
    assert "430408199003071234" in page.content.decode()
    event = AccessEvent.objects.get(kind=AccessEventKind.SENSITIVE_VIEW)
    assert event.username == office_staff.username and event.object_id == str(officer.pk)
    listing = office.get(reverse("admin:enforcement_officer_changelist"))
    assert "430408********1234" in listing.content.decode()
    assert "430408199003071234" not in listing.content.decode()


def test_another_units_case_is_404(client, clerk_a, unit_b):
    theirs = make_case(unit_b)
    client.force_login(clerk_a)
    url = reverse("admin:enforcement_enforcementcase_change", args=[theirs.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "model",
    [
        "officer",
        "certificate",
        "certificatebatch",
        "examsitting",
        "examregistration",
        "removalcampaign",
        "trainingsession",
        "enforcementcase",
        "reviewcampaign",
        "scoresheet",
        "rectificationnotice",
        "scoringtemplate",
    ],
)
def test_pages_open_for_the_supervisor(client, supervisor, model):
    client.force_login(supervisor)
    assert client.get(reverse(f"admin:enforcement_{model}_changelist")).status_code == 200


def test_add_pages_run_the_services(client, supervisor, justice_bureau, unit_a):
    client.force_login(supervisor)
    response = client.post(
        reverse("admin:enforcement_officer_add"),
        {
            "unit": unit_a.pk,
            "name": "周平",
            "id_number": "430408199104051236",
            "person_type": "officer",
            "on_roll": "on",
            "joined_on": "2024-03-01",
        },
    )
    assert response.status_code == 302
    officer = Officer.objects.get(name="周平")
    assert officer.unit == unit_a and officer.history.get().kind == "joined"
    sitting = make_sitting(justice_bureau)
    page = client.get(reverse("admin:enforcement_examsitting_change", args=[sitting.pk]))
    assert "周平：尚未取得执法证" in page.content.decode()


def test_the_ledger_import_page(client, clerk_a, certified):
    client.force_login(clerk_a)
    numbers = [c.number for o in certified for c in o.certificates.all()]
    row = {c.header: "" for c in imports.CASE_COLUMNS}
    row.update(
        {
            "案件编号": "蒸人社罚〔2024〕21号",
            "案件类型": "行政处罚",
            "程序": "普通程序",
            "案由": "未按规定办理登记",
            "当事人类型": "自然人",
            "承办人员执法证号": numbers[0],
            "立案（受理）日期": "2024-03-01",
            "告知日期": "2024-04-01",
            "陈述申辩/听证": "放弃陈述申辩",
            "决定日期": "2024-04-15",
            "送达日期": "2024-04-16",
            "结案日期": "2024-04-30",
        }
    )
    content = build_workbook(list(row), [[v or None for v in row.values()]])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("台账.xlsx", content)
    response = client.post(reverse("admin:enforcement_enforcementcase_import"), {"file": upload})
    assert response.status_code == 302
    case = EnforcementCase.objects.get()
    page = client.get(reverse("admin:enforcement_enforcementcase_change", args=[case.pk]))
    text = page.content.decode()
    assert (
        "持有效执法证的行政执法人员仅1名" in text
        and "《中华人民共和国行政处罚法》第四十二条" in text
    )


def test_review_pages_confirm_and_override(client, supervisor, justice_bureau, unit_a, certified):
    make_case(unit_a, officers=certified[:1], notice_served_on=None, case_number="A-1")
    campaign = services.campaign_create(
        actor=supervisor,
        unit=justice_bureau,
        title="2024年评查",
        held_on=date(2024, 12, 10),
        window_start=date(2023, 9, 1),
        window_end=date(2024, 8, 31),
        units=[unit_a],
        seed="9",
    )
    client.force_login(supervisor)
    draw = reverse("admin:enforcement_reviewcampaign_action", args=[campaign.pk, "draw"])
    assert client.post(draw, {"on": "2024-12-10"}).status_code == 302
    page = client.get(reverse("admin:enforcement_reviewcampaign_change", args=[campaign.pk]))
    assert "A-1" in page.content.decode() and "第四十二条" in page.content.decode()
    sheet = ScoreSheet.objects.get()
    officers, notice = sorted(sheet.deductions.all(), key=lambda d: d.item.order)
    confirm = reverse("admin:enforcement_scoresheet_action", args=[sheet.pk, "confirm"])
    override = reverse("admin:enforcement_scoresheet_action", args=[sheet.pk, "override"])
    assert client.post(confirm, {"deduction": officers.pk, "on": "2024-12-11"}).status_code == 302
    refused = client.post(override, {"deduction": notice.pk, "on": "2024-12-11", "reason": ""})
    assert refused.status_code == 200  # the reason is required
    assert (
        client.post(
            override, {"deduction": notice.pk, "on": "2024-12-11", "reason": "卷内有告知书"}
        ).status_code
        == 302
    )
    notice.refresh_from_db()
    officers.refresh_from_db()
    assert (officers.state, notice.state, notice.override_reason) == (
        "confirmed",
        "overridden",
        "卷内有告知书",
    )


def test_officer_page_shows_training_hours_per_year(client, supervisor, justice_bureau, unit_a):
    from decimal import Decimal

    from fazhi.enforcement.tests.factories import make_session

    officer = make_officer(unit_a)
    for held_on, hours in (
        (date(2024, 5, 31), "3"),
        (date(2024, 9, 26), "2.5"),
        (date(2023, 6, 1), "3"),
    ):
        session = make_session(justice_bureau, held_on=held_on, hours=Decimal(hours))
        services.attendance_record(actor=supervisor, session=session, officers=[officer])
    client.force_login(supervisor)
    page = client.get(reverse("admin:enforcement_officer_change", args=[officer.pk]))
    assert "2024年5.5学时（2期）；2023年3.0学时（1期）" in page.content.decode()
