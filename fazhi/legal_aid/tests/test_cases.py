"""Legal aid cases: the steps and their articles, the review and assignment periods with frozen
time (including National Day 2024), refusals that write nothing, the 文书."""

import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from docx import Document

from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory
from fazhi.deadlines.models import ClockState, RuleOverride
from fazhi.deadlines.selectors import clock_for
from fazhi.legal_aid import deadlines as rules
from fazhi.legal_aid import documents, services
from fazhi.legal_aid.models import AidCase, CaseEvent, CaseState, DocumentKind, MeansTest
from fazhi.legal_aid.tests.factories import resident_id
from fazhi.legal_aid.workbench import legal_aid_items

pytestmark = pytest.mark.django_db

APPLICANT_ID = resident_id("19750612", 21)


@pytest.fixture
def officer(justice_bureau):
    return UserFactory(username="aid_officer", unit=justice_bureau, roles=[Role.CLERK])


# A court's notification of 2024-09-29 (a Sunday, before National Day).
NOTIFICATION = {
    "origin": "notification",
    "notifying_organ": "court",
    "category": "criminal",
    "criminal_stage": "trial",
    "matter": "criminal_defence",
    "received_on": date(2024, 9, 29),
    "applicant_id_number": "",
    "means_test": "pending",
}


def register(officer, **overrides):
    values = {
        "origin": "application",
        "channel": "visit",
        "category": "civil",
        "matter": "labour",
        "summary": "追索劳动报酬",
        "received_on": date(2024, 9, 30),
        "applicant_name": "刘一",
        "applicant_gender": "male",
        "applicant_id_number": APPLICANT_ID,
        "applicant_phone": "13912345678",
        "applicant_address": "蒸湘区呈祥街道某小区3栋",
        "means_test": MeansTest.PASSED,
    }
    values.update(overrides)
    return services.case_register(actor=officer, **values)


def test_review_period_counts_working_days_across_national_day(officer):
    # Received Mon 2024-09-30; counting starts 10-01. 10-01..10-07 are National Day holidays;
    # working days 10-08 (1) 09 (2) 10 (3) 11 (4), Sat 10-12 is a 调休 working day (5),
    # 10-14 (6), 10-15 (7): due Tue 2024-10-15.
    case = register(officer)
    clock = clock_for(case, rules.REVIEW)
    assert clock.due_date == date(2024, 10, 15)
    assert "《法律援助法》第四十三条第一款" in clock.explanation
    assert case.number == "法援〔2024〕1号" and case.state == CaseState.RECEIVED


def test_review_period_in_calendar_days_when_the_office_chooses_so(officer):
    # A6: 7 calendar days from 09-30 end on 10-07, a holiday → the next working day, 10-08.
    RuleOverride.objects.create(rule_code=rules.REVIEW, length=7, unit="calendar_days", active=True)
    case = register(officer)
    assert clock_for(case, rules.REVIEW).due_date == date(2024, 10, 8)


def test_correction_stops_the_clock_once_and_a_second_request_is_refused(officer):
    case = register(officer)
    case = services.case_request_correction(
        actor=officer, case=case, on=date(2024, 10, 9), items="劳动合同复印件；工资流水"
    )
    clock = clock_for(case, rules.REVIEW)
    assert case.state == CaseState.INCOMPLETE and clock.state == ClockState.PAUSED
    case = services.case_complete(actor=officer, case=case, on=date(2024, 10, 14))
    # 10-08 and 10-09 were used (2 working days); counting restarts 10-15: 15 (3), 16 (4),
    # 17 (5), 18 (6), Mon 21 (7).
    clock = clock_for(case, rules.REVIEW)
    assert clock.due_date == date(2024, 10, 21) and clock.state != ClockState.PAUSED
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(ValidationError) as refused:
        services.case_request_correction(
            actor=officer, case=case, on=date(2024, 10, 15), items="身份证复印件"
        )
    assert "《法律援助法》第四十三条第二款" in refused.value.messages[0]
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED and case.correction_items == "劳动合同复印件；工资流水"
    assert CaseEvent.objects.filter(case=case).count() == events


def test_assignment_before_a_grant_is_refused_naming_the_article_and_nothing_is_written(officer):
    case = register(officer)
    version = case.version
    with pytest.raises(ValidationError) as refused:
        services.case_assign(
            actor=officer,
            case=case,
            on=date(2024, 10, 8),
            provider_kind="lawyer",
            provider_name="王律师",
        )
    assert "《法律援助法》第四十三条第一款" in refused.value.messages[0]
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED and case.provider_name == "" and case.version == version
    assert clock_for(case, rules.ASSIGNMENT) is None


def test_grant_needs_the_means_test_and_then_starts_the_three_day_assignment(officer):
    case = register(officer, means_test=MeansTest.PENDING)
    with pytest.raises(ValidationError) as refused:
        services.case_grant(actor=officer, case=case, on=date(2024, 10, 8))
    assert "第四十一条" in refused.value.messages[0]
    case = services.case_record_means_test(
        actor=officer, case=case, means_test="exempt", exemption_reason="migrant_worker"
    )
    case = services.case_grant(actor=officer, case=case, on=date(2024, 10, 8))
    assert clock_for(case, rules.REVIEW).state == ClockState.MET
    # 3 calendar days from 10-08: 10-11.
    assert clock_for(case, rules.ASSIGNMENT).due_date == date(2024, 10, 11)
    case = services.case_assign(
        actor=officer,
        case=case,
        on=date(2024, 10, 10),
        provider_kind="lawyer",
        provider_name="王律师",
        provider_org="湖南某律师事务所",
    )
    assert case.state == CaseState.ASSIGNED
    assert clock_for(case, rules.ASSIGNMENT).state == ClockState.MET


def test_exemption_needs_its_reason(officer):
    with pytest.raises(ValidationError) as refused:
        register(officer, means_test="exempt", exemption_reason="")
    assert "第四十二条" in str(refused.value)
    assert AidCase.objects.count() == 0


def test_notification_assignment_deadline_over_national_day(officer):
    # A5: notified Sun 2024-09-29; three days end Wed 10-02, a holiday → first working day 10-08.
    with time_machine.travel(date(2024, 9, 29), tick=False):
        case = register(officer, **NOTIFICATION)
    assert case.state == CaseState.GRANTED and case.means_test == MeansTest.NOT_REQUIRED
    clock = clock_for(case, rules.NOTIFICATION_ASSIGNMENT)
    assert clock.due_date == date(2024, 10, 8)
    assert "《法律援助法》第三十六条" in clock.explanation
    with time_machine.travel(date(2024, 10, 8), tick=False):
        (item,) = [i for i in legal_aid_items(officer) if case.number in i.title]
        assert item.level == "due_today"
    with time_machine.travel(date(2024, 10, 9), tick=False):
        (item,) = [i for i in legal_aid_items(officer) if case.number in i.title]
        assert item.level == "overdue"
        case = services.case_assign(
            actor=officer,
            case=case,
            on=date(2024, 10, 9),
            provider_kind="lawyer",
            provider_name="赵律师",
        )
    assert clock_for(case, rules.NOTIFICATION_ASSIGNMENT).state == ClockState.MISSED


def test_urgent_flag_when_the_limitation_is_under_seven_days(officer):
    near = register(officer, limitation_due_on=date(2024, 10, 6))  # 6 days after 09-30
    far = register(officer, limitation_due_on=date(2024, 10, 7))  # 7 days: not urgent
    assert near.urgent and not far.urgent
    services.case_give_urgent_aid(actor=officer, case=near, on=date(2024, 10, 1))
    with pytest.raises(ValidationError) as refused:
        services.case_give_urgent_aid(actor=officer, case=far, on=date(2024, 9, 30))
    assert "《法律援助法》第四十四条" in refused.value.messages[0]


def test_refusal_needs_reasons_and_the_objection_is_decided_in_five_days(officer):
    case = register(officer)
    with pytest.raises(ValidationError) as refused:
        services.case_refuse(actor=officer, case=case, on=date(2024, 10, 8), reason=" ")
    assert "书面说明理由" in refused.value.messages[0]
    case = services.case_refuse(
        actor=officer, case=case, on=date(2024, 10, 8), reason="申请人家庭收入超过经济困难标准"
    )
    case = services.case_object(
        actor=officer, case=case, on=date(2024, 10, 10), text="收入计算有误"
    )
    assert clock_for(case, rules.OBJECTION).due_date == date(2024, 10, 15)
    case = services.case_decide_objection(
        actor=officer, case=case, on=date(2024, 10, 14), corrected=True
    )
    assert case.state == CaseState.GRANTED and case.objection_result == "corrected"
    assert clock_for(case, rules.ASSIGNMENT).due_date == date(2024, 10, 17)


def test_closing_needs_the_report_and_takes_the_subsidy_from_the_rate_table(officer):
    services.subsidy_rate_set(
        actor=officer, category="civil", amount="1200.00", effective_from=date(2024, 1, 1)
    )
    services.subsidy_rate_set(
        actor=officer, category="civil", amount="1500.00", effective_from=date(2024, 7, 1)
    )
    case = register(officer)
    case = services.case_grant(actor=officer, case=case, on=date(2024, 10, 8))
    case = services.case_assign(
        actor=officer,
        case=case,
        on=date(2024, 10, 9),
        provider_kind="lawyer",
        provider_name="王律师",
    )
    with pytest.raises(ValidationError) as refused:
        services.case_close(
            actor=officer,
            case=case,
            on=date(2024, 12, 1),
            result="mediated",
            report="已调解",
            documents_submitted=False,
        )
    assert "《法律援助法》第五十条" in refused.value.messages[0]
    case = services.case_close(
        actor=officer,
        case=case,
        on=date(2024, 12, 1),
        result="mediated",
        report="经调解，用人单位支付工资3万元",
        documents_submitted=True,
    )
    assert case.state == CaseState.CLOSED and str(case.subsidy) == "1500.00"


def test_assignment_notice_is_a_docx_with_the_cases_facts(officer):
    case = register(officer)
    with pytest.raises(ValidationError):
        documents.render(case, DocumentKind.ASSIGNMENT_NOTICE)
    case = services.case_grant(actor=officer, case=case, on=date(2024, 10, 8))
    case = services.case_assign(
        actor=officer,
        case=case,
        on=date(2024, 10, 9),
        provider_kind="lawyer",
        provider_name="王律师",
        provider_org="湖南某律师事务所",
    )
    content = documents.render(case, DocumentKind.ASSIGNMENT_NOTICE, today=date(2024, 10, 9))
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "指派通知书" in text and "法援〔2024〕1号" in text
    assert "湖南某律师事务所：" in text and "现指派王律师（律师）" in text
    assert "刘一" in text and "2024年10月9日" in text and "{{" not in text
    assert APPLICANT_ID not in text


def test_an_uploaded_template_replaces_the_default(officer):
    doc = Document()
    doc.add_paragraph("本所模板 {{案号}} 由 {{承办人}} 承办")
    buffer = io.BytesIO()
    doc.save(buffer)
    services.template_upload(actor=officer, kind="assignment_notice", data=buffer.getvalue())
    bad = Document()
    bad.add_paragraph("{{不存在的字段}}")
    bad_buffer = io.BytesIO()
    bad.save(bad_buffer)
    with pytest.raises(ValidationError, match="无法识别的字段"):
        services.template_upload(actor=officer, kind="grant_decision", data=bad_buffer.getvalue())
    case = register(officer)
    case = services.case_grant(actor=officer, case=case, on=date(2024, 10, 8))
    case = services.case_assign(
        actor=officer,
        case=case,
        on=date(2024, 10, 9),
        provider_kind="lawyer",
        provider_name="王律师",
    )
    content = documents.render(case, DocumentKind.ASSIGNMENT_NOTICE)
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert text == "本所模板 法援〔2024〕1号 由 王律师 承办"
