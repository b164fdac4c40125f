"""Intake: registration (F5), the application period (F1-F4), 补正 (F8, A4), the 5-WD review
and deemed acceptance (F7), not accepted / forwarded, simple-procedure eligibility (F13).

Time is frozen and the real 2024-2025 calendar (deadlines migration 0002) is used."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fazhi.deadlines import selectors as clock_selectors
from fazhi.reconsideration import deadlines as rules
from fazhi.reconsideration import services
from fazhi.reconsideration.models import (
    AcceptanceCondition,
    ApplicantKind,
    CaseStatus,
    Channel,
    IdType,
    Procedure,
    ReconsiderationCase,
)
from fazhi.reconsideration.tests.factories import COMPANY_USCC, application
from fazhi.reconsideration.workflow import TransitionRefused

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def register(officer, respondent, **overrides):
    return services.case_register(actor=officer, **application(respondent, **overrides))


@time_machine.travel(date(2024, 3, 4), tick=False)
def test_registration_numbers_the_case_checks_the_period_and_starts_the_review_clock(
    recon_officer, unit_a
):
    case = register(recon_officer, unit_a)
    assert case.case_number == "蒸政复〔2024〕1号"
    assert case.status == CaseStatus.RECEIVED
    # F1: 60 days from 2024-02-02 → 2024-04-02 (Tue).
    assert case.application_deadline == date(2024, 4, 2)
    assert not case.application_late
    # F4: 5 years from the act.
    assert case.absolute_bar_on == date(2029, 2, 1) or case.absolute_bar_on > date(2029, 1, 31)
    # F7: 5 working days from Mon 2024-03-04 → Mon 2024-03-11.
    assert case.acceptance_due_on == date(2024, 3, 11)
    clock = clock_selectors.clock_for(case, rules.ACCEPTANCE_REVIEW)
    assert clock.due_date == date(2024, 3, 11)
    assert "第三十条" in clock.explanation
    assert case.timeline.filter(kind="registered").exists()


@time_machine.travel(date(2024, 3, 4), tick=False)
def test_wrong_resident_id_check_digit_is_refused_and_nothing_is_stored(recon_officer, unit_a):
    with pytest.raises(ValidationError) as refused:
        register(recon_officer, unit_a, applicant_id_number="430408198001010017")
    assert "校验位错误" in str(refused.value)
    assert ReconsiderationCase.objects.count() == 0


@time_machine.travel(date(2024, 3, 4), tick=False)
def test_organisation_needs_a_valid_uscc(recon_officer, unit_a):
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        register(
            recon_officer,
            unit_a,
            applicant_kind=ApplicantKind.ORGANISATION,
            applicant_name="衡阳某某商贸有限公司",
            applicant_id_type=IdType.USCC,
            applicant_id_number=COMPANY_USCC[:-1] + "X",
        )
    case = register(
        recon_officer,
        unit_a,
        applicant_kind=ApplicantKind.ORGANISATION,
        applicant_name="衡阳某某商贸有限公司",
        applicant_id_type=IdType.USCC,
        applicant_id_number=COMPANY_USCC.lower(),
    )
    assert case.applicant_id_number == COMPANY_USCC


@time_machine.travel(date(2024, 3, 4), tick=False)
def test_oral_application_requires_the_fields_of_article_22(recon_officer, unit_a):
    with pytest.raises(ValidationError) as refused:
        register(recon_officer, unit_a, channel=Channel.ORAL, facts="", reasons="")
    errors = refused.value.message_dict
    assert "第二十二条第二款" in errors["facts"][0]
    assert "reasons" in errors and "oral_recorded_at" in errors and "oral_confirmed" in errors
    case = register(
        recon_officer,
        unit_a,
        channel=Channel.ORAL,
        oral_recorded_at=datetime(2024, 3, 4, 10, 30, tzinfo=SH),
        oral_confirmed=True,
    )
    assert case.oral_recorded_by == recon_officer


@time_machine.travel(date(2024, 5, 6), tick=False)
def test_late_application_is_flagged_with_the_computed_dates_and_cannot_be_accepted(
    recon_officer, unit_a
):
    case = register(recon_officer, unit_a, received_on=date(2024, 4, 8))
    assert case.application_late
    assert case.application_deadline == date(2024, 4, 2)
    assert "2024-04-02" in case.application_deadline_explanation
    assert "超过申请期限" in case.application_deadline_explanation
    assert case.timeline.filter(kind="period_flag").exists()
    with pytest.raises(TransitionRefused, match="第二十条"):
        services.case_accept(actor=recon_officer, case=case, on=date(2024, 4, 9))


@time_machine.travel(date(2024, 5, 6), tick=False)
def test_force_majeure_obstacle_pauses_the_application_period(recon_officer, unit_a):
    """F2: the 20 days of the obstacle do not count, so the late filing becomes timely."""
    case = register(
        recon_officer,
        unit_a,
        received_on=date(2024, 4, 8),
        obstacle_started_on=date(2024, 3, 1),
        obstacle_ended_on=date(2024, 3, 21),
        obstacle_reason="住院治疗",
    )
    assert not case.application_late
    assert case.application_deadline == date(2024, 4, 22)


@time_machine.travel(date(2024, 11, 4), tick=False)
def test_applicant_not_told_of_rights_gets_the_shorter_of_60_days_and_one_year(
    recon_officer, unit_a
):
    """F3: rights learned 2024-09-20 → 60 days → 2024-11-19; 1 year from 2024-02-02 is later."""
    case = register(
        recon_officer,
        unit_a,
        received_on=date(2024, 11, 4),
        rights_notified=False,
        rights_learned_on=date(2024, 9, 20),
    )
    assert not case.application_late
    assert case.application_deadline == date(2024, 11, 19)
    assert "第二十条第三款" in case.application_deadline_explanation


def test_absolute_bar_of_five_years(recon_officer, unit_a):
    with time_machine.travel(date(2024, 3, 4), tick=False):
        case = register(
            recon_officer,
            unit_a,
            act_date=date(2018, 6, 1),
            known_on=date(2024, 2, 2),
            rights_notified=True,
        )
    assert case.absolutely_barred
    assert case.absolute_bar_on == date(2023, 6, 1)
    with (
        time_machine.travel(date(2024, 3, 5), tick=False),
        pytest.raises(TransitionRefused, match="第二十一条"),
    ):
        services.case_accept(actor=recon_officer, case=case, on=date(2024, 3, 5))


@time_machine.travel(date(2025, 2, 10), tick=False)
def test_deemed_acceptance_across_spring_festival_2025_is_written_in_the_history(
    recon_officer, unit_a
):
    """Received Fri 2025-01-24: 1/26 (Sunday, 调休) counts, 1/28-2/4 春节 do not → 2025-02-07.
    Nobody decides; the daily scan on 2025-02-10 records acceptance as of 02-07 (复议法 30(3))."""
    case = register(
        recon_officer,
        unit_a,
        received_on=date(2025, 1, 24),
        known_on=date(2025, 1, 10),
        act_date=date(2025, 1, 8),
    )
    assert case.acceptance_due_on == date(2025, 2, 7)
    clock = clock_selectors.clock_for(case, rules.ACCEPTANCE_REVIEW)
    assert "春节" in clock.explanation
    changed = services.scan_intake(today=date(2025, 2, 10))
    assert [c.pk for c in changed] == [case.pk]
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_REVIEW
    assert case.deemed_accepted and case.accepted_on == date(2025, 2, 7)
    event = case.timeline.get(kind="deemed_accepted")
    assert "视为受理" in event.text and event.citation == "《行政复议法》第三十条第三款"
    # F17: 60 days from 2025-02-07 → 2025-04-08 (清明 4/4-4/6 is before it).
    assert case.decision_due_on == date(2025, 4, 8)
    # Once deemed accepted, 不予受理 is no longer possible: 驳回申请 (Art 33) instead.
    with pytest.raises(TransitionRefused, match="审理中"):
        services.case_reject(
            actor=recon_officer,
            case=case,
            on=date(2025, 2, 10),
            unmet_conditions=[AcceptanceCondition.SCOPE],
            reason="不属于行政复议范围",
        )


@time_machine.travel(date(2025, 2, 7), tick=False)
def test_scan_before_the_review_period_ends_does_nothing(recon_officer, unit_a):
    case = register(
        recon_officer,
        unit_a,
        received_on=date(2025, 1, 24),
        known_on=date(2025, 1, 10),
        act_date=date(2025, 1, 8),
    )
    assert services.scan_intake(today=date(2025, 2, 7)) == []
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_reject_after_the_review_period_is_refused_naming_article_30(recon_officer, unit_a):
    with time_machine.travel(date(2024, 3, 4), tick=False):
        case = register(recon_officer, unit_a)
    with (
        time_machine.travel(date(2024, 3, 12), tick=False),
        pytest.raises(TransitionRefused, match="第三十条第三款"),
    ):
        services.case_reject(
            actor=recon_officer,
            case=case,
            on=date(2024, 3, 12),
            unmet_conditions=[AcceptanceCondition.SCOPE],
            reason="不属于行政复议范围",
        )


@time_machine.travel(date(2024, 3, 8), tick=False)
def test_not_accepted_needs_reasons_and_the_competent_organ_for_jurisdiction(recon_officer, unit_a):
    case = register(recon_officer, unit_a)
    with pytest.raises(TransitionRefused, match="有管辖权的行政复议机关"):
        services.case_reject(
            actor=recon_officer,
            case=case,
            on=date(2024, 3, 8),
            unmet_conditions=[AcceptanceCondition.JURISDICTION],
            reason="不属于本机关管辖",
        )
    case = services.case_reject(
        actor=recon_officer,
        case=case,
        on=date(2024, 3, 8),
        unmet_conditions=[AcceptanceCondition.JURISDICTION],
        reason="被申请人为市级部门，不属于本机关管辖",
        competent_organ="衡阳市人民政府",
    )
    assert case.status == CaseStatus.NOT_ACCEPTED
    assert clock_selectors.clock_for(case, rules.ACCEPTANCE_REVIEW).state == "met"


@time_machine.travel(date(2024, 3, 8), tick=False)
def test_forwarded_outcome(recon_officer, unit_a):
    case = register(recon_officer, unit_a)
    case = services.case_forward(
        actor=recon_officer, case=case, on=date(2024, 3, 6), forwarded_to="衡阳市司法局"
    )
    assert case.status == CaseStatus.FORWARDED and case.forwarded_to == "衡阳市司法局"


def test_correction_notice_once_within_five_working_days_and_review_restarts(recon_officer, unit_a):
    """F8 + A4: the notice by 2024-03-11; the applicant's 10 WD run from receipt of the notice;
    the review restarts from the materials; the F1 check keeps the original receipt date."""
    with time_machine.travel(date(2024, 3, 12), tick=False):
        case = register(recon_officer, unit_a)
        with pytest.raises(TransitionRefused, match="五日内"):
            services.case_request_correction(
                actor=recon_officer, case=case, on=date(2024, 3, 12), items="申请人身份证明"
            )
        case = services.case_request_correction(
            actor=recon_officer,
            case=case,
            on=date(2024, 3, 8),
            items="1. 申请人身份证明复印件；2. 行政处罚决定书复印件",
            notice_received_on=date(2024, 3, 11),
        )
    assert case.status == CaseStatus.CORRECTION_REQUESTED
    # 10 WD from Mon 2024-03-11 → Mon 2024-03-25.
    assert case.correction_due_on == date(2024, 3, 25)
    with time_machine.travel(date(2024, 3, 20), tick=False):
        case = services.case_receive_correction(
            actor=recon_officer, case=case, on=date(2024, 3, 20)
        )
        with pytest.raises(TransitionRefused, match="一次性"):
            services.case_request_correction(
                actor=recon_officer, case=case, on=date(2024, 3, 20), items="再补一项"
            )
    assert case.status == CaseStatus.RECEIVED
    # Review restarts: 5 WD from Wed 2024-03-20 → Wed 2024-03-27.
    assert case.acceptance_due_on == date(2024, 3, 27)
    assert case.application_deadline == date(2024, 4, 2) and not case.application_late


def test_missed_correction_deadline_is_recorded_as_abandoned(recon_officer, unit_a):
    with time_machine.travel(date(2024, 3, 8), tick=False):
        case = register(recon_officer, unit_a)
        case = services.case_request_correction(
            actor=recon_officer,
            case=case,
            on=date(2024, 3, 8),
            items="申请人身份证明",
            notice_received_on=date(2024, 3, 8),
        )
    with (
        time_machine.travel(date(2024, 3, 22), tick=False),
        pytest.raises(TransitionRefused, match="尚未届满"),
    ):
        services.case_deem_abandoned(actor=recon_officer, case=case, on=date(2024, 3, 22))
    with time_machine.travel(date(2024, 3, 25), tick=False):
        case = services.case_deem_abandoned(actor=recon_officer, case=case, on=date(2024, 3, 25))
    assert case.status == CaseStatus.ABANDONED
    assert "视为放弃" in case.timeline.get(kind="abandoned").text


@time_machine.travel(date(2024, 3, 8), tick=False)
def test_simple_procedure_only_on_the_grounds_of_article_53(recon_officer, unit_a):
    case = register(recon_officer, unit_a)  # a 5000-yuan fine: no ground of Art 53
    with pytest.raises(TransitionRefused, match="第五十三条"):
        services.case_accept(
            actor=recon_officer, case=case, on=date(2024, 3, 8), procedure=Procedure.SIMPLE
        )
    small = register(recon_officer, unit_a, act_amount=2000, act_description="罚款2000元")
    small = services.case_accept(
        actor=recon_officer, case=small, on=date(2024, 3, 8), procedure=Procedure.SIMPLE
    )
    assert small.simple_ground == "small_amount"
    # Simple: copy within 3 WD (→ 2024-03-13); decision within 30 days → Sun 2024-04-07, a
    # 调休 working day of the 清明 holiday, so no roll-forward.
    assert small.copy_due_on == date(2024, 3, 13)
    assert small.decision_due_on == date(2024, 4, 7)


@time_machine.travel(date(2024, 3, 8), tick=False)
def test_acceptance_needs_all_seven_conditions(recon_officer, unit_a):
    case = register(recon_officer, unit_a)
    with pytest.raises(TransitionRefused, match="（四）在法定申请期限内提出"):
        services.case_accept(
            actor=recon_officer,
            case=case,
            on=date(2024, 3, 8),
            conditions=[c for c in AcceptanceCondition.values if c != "in_time"],
        )


@time_machine.travel(date(2024, 3, 8), tick=False)
def test_only_the_office_officers_register_and_act(clerk_a, recon_officer, unit_a, unit_b):
    with pytest.raises(TransitionRefused, match="第三十六条"):
        services.case_register(actor=clerk_a, unit=recon_officer.unit, **application(unit_b))
    case = register(recon_officer, unit_a)
    with pytest.raises(TransitionRefused, match="第三十六条"):
        services.case_accept(actor=clerk_a, case=case, on=date(2024, 3, 8))


@time_machine.travel(date(2024, 3, 8), tick=False)
def test_future_dates_are_refused(recon_officer, unit_a):
    with pytest.raises(ValidationError, match="不能晚于今天"):
        register(recon_officer, unit_a, received_on=date(2024, 3, 9), known_on=date(2024, 3, 1))


@time_machine.travel(date(2024, 3, 20), tick=False)
def test_application_forwarded_by_the_penalising_agency(recon_officer, unit_a):
    """F9 (复议法 32): the agency received it Fri 03-08 and had 5 WD (→ 03-15); it arrived 03-19.
    The period check uses the day the agency received it."""
    with pytest.raises(ValidationError) as refused:
        register(recon_officer, unit_a, channel=Channel.FORWARDED, received_on=date(2024, 3, 19))
    assert "forwarded_by" in refused.value.message_dict
    case = register(
        recon_officer,
        unit_a,
        channel=Channel.FORWARDED,
        forwarded_by="蒸湘区人力资源和社会保障局",
        forwarding_agency_received_on=date(2024, 3, 8),
        received_on=date(2024, 3, 19),
        known_on=date(2024, 1, 9),
        act_date=date(2024, 1, 8),
    )
    late = case.timeline.get(kind="forwarded_late")
    assert "2024年03月15日" in late.text and late.citation == "《行政复议法》第三十二条第二款"
    # 60 days from 01-09 → 03-09 (Sat) → 03-11; filed with the agency on 03-08: in time.
    assert (
        not case.application_late
        and "转送机关收到申请日期" in case.application_deadline_explanation
    )
