"""The back office: registration form, the case page with its deadlines and steps, 文书 download,
respondent read-only access, ledger import page, statistics page."""

import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from fazhi.core.models import AccessEvent, AccessEventKind
from fazhi.reconsideration.models import CaseStatus, ReconsiderationCase
from fazhi.reconsideration.tests.factories import PERSON_ID, accepted, registered

pytestmark = pytest.mark.django_db
CHANGE = "admin:reconsideration_reconsiderationcase_change"


def step_url(case, verb):
    return reverse("admin:reconsideration_case_step", args=[case.pk, verb])


@time_machine.travel(date(2024, 3, 4), tick=False)
def test_officer_registers_through_the_admin_form(verified_client, recon_officer, unit_a):
    client = verified_client(recon_officer)
    url = reverse("admin:reconsideration_reconsiderationcase_add")
    assert client.get(url).status_code == 200
    data = {
        "applicant_kind": "person",
        "applicant_name": "赵六",
        "applicant_id_type": "resident_id",
        "applicant_id_number": "430408198001010017",
        "applicant_phone": "13800000000",
        "respondent_unit": unit_a.pk,
        "act_type": "penalty",
        "act_description": "罚款决定",
        "field": "human_resources",
        "request": "撤销",
        "channel": "written",
        "received_on": "2024-03-04",
        "known_on": "2024-02-20",
        "rights_notified": "on",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200 and "校验位错误" in refused.content.decode()
    assert ReconsiderationCase.objects.count() == 0
    data["applicant_id_number"] = PERSON_ID
    response = client.post(url, data)
    case = ReconsiderationCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(CHANGE, args=[case.pk])
    assert case.case_number == "蒸政复〔2024〕1号" and case.registered_by == recon_officer
    page = client.get(reverse(CHANGE, args=[case.pk])).content.decode()
    assert "受理审查截止" in page and "2024-03-11" in page and 'data-step="accept"' in page


def test_accept_step_shows_the_due_date_and_explanation_and_offers_the_notice(
    verified_client, recon_officer, unit_a
):
    with time_machine.travel(date(2024, 3, 4), tick=False):
        case = registered(recon_officer, unit_a)
    client = verified_client(recon_officer)
    with time_machine.travel(date(2024, 3, 6), tick=False):
        page = client.get(step_url(case, "accept"))
        assert page.status_code == 200 and "（七）" in page.content.decode()
        response = client.post(
            step_url(case, "accept"),
            {
                "expected_version": case.version,
                "on": "2024-03-06",
                "procedure": "normal",
                "conditions": [
                    "parties",
                    "interest",
                    "request",
                    "in_time",
                    "scope",
                    "jurisdiction",
                    "not_duplicate",
                ],
            },
        )
        assert response.status_code == 302
        page = client.get(reverse(CHANGE, args=[case.pk])).content.decode()
    assert 'id="decision-due-date">2024-05-06<' in page  # 03-06 + 60 = 05-05 (Sun) → 05-06
    assert "第六十二条第一款" in page and "行政复议决定期限（普通程序）60日" in page
    assert 'data-document="acceptance_notice"' in page
    with time_machine.travel(date(2024, 3, 6), tick=False):
        document = client.get(
            reverse("admin:reconsideration_case_document", args=[case.pk, "acceptance_notice"])
        )
    assert document.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(document.content)).paragraphs)
    assert case.case_number in text and "2024年5月6日" in text
    assert AccessEvent.objects.filter(kind=AccessEventKind.EXPORT, object_id=str(case.pk)).exists()


def test_a_refused_step_shows_the_article_and_changes_nothing(
    verified_client, recon_officer, recon_head, unit_a
):
    with time_machine.travel(date(2024, 3, 8), tick=False):
        case = accepted(recon_officer, unit_a)
        client = verified_client(recon_officer)
        response = client.post(
            step_url(case, "extend"),
            {
                "expected_version": case.version,
                "on": "2024-03-08",
                "days": 31,
                "approver": recon_head.pk,
                "reason": "复杂",
            },
        )
    assert response.status_code == 200
    assert "最多不得超过三十日" in response.content.decode()
    assert ReconsiderationCase.objects.get(pk=case.pk).extension_days == 0


def test_a_step_posted_from_a_stale_page_is_refused_with_who_and_when(
    verified_client, recon_officer, second_officer, unit_a
):
    from fazhi.reconsideration import services

    with time_machine.travel(date(2024, 3, 8), tick=False):
        case = accepted(recon_officer, unit_a)
        stale_version = case.version
        services.case_send_copy(
            actor=second_officer,
            case=case,
            sent_on=date(2024, 3, 8),
            expected_version=stale_version,
        )
        client = verified_client(recon_officer)
        response = client.post(
            step_url(case, "record_committee_opinion"),
            {
                "expected_version": stale_version,
                "on": "2024-03-08",
                "opinion": "意见",
            },
        )
    text = response.content.decode()
    assert (
        response.status_code == 200 and "保存失败" in text and second_officer.display_name in text
    )


def test_respondent_staff_read_their_cases_and_other_units_get_404(
    client, recon_officer, clerk_a, clerk_b, unit_a
):
    with time_machine.travel(date(2024, 3, 8), tick=False):
        case = accepted(recon_officer, unit_a)
    client.force_login(clerk_a)
    listing = client.get(
        reverse("admin:reconsideration_reconsiderationcase_changelist")
    ).content.decode()
    assert case.case_number in listing
    page = client.get(reverse(CHANGE, args=[case.pk]))
    assert page.status_code == 200
    assert 'data-step="' not in page.content.decode()  # read-only for the respondent
    assert client.get(step_url(case, "extend")).status_code == 403
    client.force_login(clerk_b)
    assert client.get(reverse(CHANGE, args=[case.pk])).status_code == 404
    assert client.get(step_url(case, "extend")).status_code == 404


@time_machine.travel(date(2024, 6, 1), tick=False)
def test_ledger_import_page_lists_the_problems_and_stores_nothing(
    verified_client, recon_officer, unit_a
):
    from fazhi.reconsideration.tests.test_ledger import row, workbook

    client = verified_client(recon_officer)
    url = reverse("admin:reconsideration_ledger_import")
    assert "案号" in client.get(url).content.decode()
    upload = io.BytesIO(workbook(row(1), row(1, 申请人="王五")))
    upload.name = "台账.xlsx"
    response = client.post(url, {"file": upload})
    text = response.content.decode()
    assert "未导入任何数据" in text and "第3行“案号”列" in text
    assert ReconsiderationCase.objects.count() == 0
    template = client.get(reverse("admin:reconsideration_ledger_template"))
    assert template.status_code == 200 and template["Content-Type"].startswith(
        "application/vnd.openxml"
    )


def test_statistics_page_shows_formulas_and_variants(verified_client, recon_officer, unit_a):
    with time_machine.travel(date(2024, 3, 8), tick=False):
        accepted(recon_officer, unit_a)
    client = verified_client(recon_officer)
    page = client.get(reverse("admin:reconsideration_statistics") + "?year=2024").content.decode()
    assert "行政复议新收案件" in page and "口径A：维持÷实体决定" in page and "口径B" in page
    assert "蒸湘区人力资源和社会保障局" in page  # breakdown by respondent


def test_listing_filters_overdue_cases(verified_client, recon_officer, unit_a):
    with time_machine.travel(date(2024, 3, 8), tick=False):
        case = accepted(recon_officer, unit_a)
    client = verified_client(recon_officer)
    url = reverse("admin:reconsideration_reconsiderationcase_changelist")
    with time_machine.travel(date(2024, 5, 20), tick=False):
        overdue = client.get(url + "?deadline=overdue").content.decode()
    assert case.case_number in overdue and "逾期" in overdue
    with time_machine.travel(date(2024, 4, 1), tick=False):
        assert case.case_number not in client.get(url + "?deadline=overdue").content.decode()
    assert ReconsiderationCase.objects.get(pk=case.pk).status == CaseStatus.IN_REVIEW


def test_workbench_lists_what_the_law_now_requires(recon_officer, unit_a):
    from fazhi.core.workbench import items_for
    from fazhi.reconsideration.tests.factories import registered

    with time_machine.travel(date(2025, 1, 24), tick=False):
        case = registered(
            recon_officer,
            unit_a,
            received_on=date(2025, 1, 24),
            known_on=date(2025, 1, 10),
            act_date=date(2025, 1, 8),
        )
    with time_machine.travel(date(2025, 2, 10), tick=False):
        todos, _warnings = items_for(recon_officer)
    assert any(case.case_number in item.title and "视为受理" in item.title for item in todos)
    deemed = next(i for i in todos if case.case_number in i.title and "视为受理" in i.title)
    assert deemed.level == "warning"
    assert not any("听取当事人意见" in item.title for item in todos)  # advice, not a to-do


def test_scan_command_deems_acceptance(recon_officer, unit_a):
    from django.core.management import call_command

    from fazhi.reconsideration.tests.factories import registered

    with time_machine.travel(date(2025, 1, 24), tick=False):
        case = registered(
            recon_officer,
            unit_a,
            received_on=date(2025, 1, 24),
            known_on=date(2025, 1, 10),
            act_date=date(2025, 1, 8),
        )
    out = io.StringIO()
    with time_machine.travel(date(2025, 2, 10), tick=False):
        call_command("reconsideration_scan", "--today", "2025-02-10", stdout=out)
    assert "行政复议案件更新 1 件" in out.getvalue()
    case.refresh_from_db()
    assert case.deemed_accepted and case.accepted_on == date(2025, 2, 7)


def test_statistics_compare_the_upheld_rate_a_report_states(verified_client, recon_officer, unit_a):
    """The official enters the 维持率 a report states; the page checks it against every
    variant. Nothing is compared when none is entered; a bad value is a Chinese 400."""
    with time_machine.travel(date(2024, 3, 8), tick=False):
        accepted(recon_officer, unit_a)
    client = verified_client(recon_officer)
    url = reverse("admin:reconsideration_statistics")
    plain = client.get(url + "?year=2024").content.decode()
    assert "与报告所载" not in plain
    stated = client.get(url + "?year=2024&stated=75").content.decode()
    assert "与报告所载 75% 的比对" in stated
    refused = client.get(url + "?year=2024&stated=abc")
    assert refused.status_code == 400 and "报告所载维持率" in refused.content.decode()
