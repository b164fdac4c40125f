"""Lawsuits: registration with the linked reconsideration case (Y1), appeals linked to the first
instance, the head's appearance (Y3: a lawyer alone never counts), judgment types (Y6), the
defence and appeal deadlines (Y2, Y5) on the real calendar, optimistic locking."""

import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from fazhi.indicators.selectors import indicator_values
from fazhi.litigation import services
from fazhi.litigation.models import (
    Appearance,
    HeadRank,
    Instance,
    JudgmentType,
    Lawsuit,
    LawsuitStatus,
)
from fazhi.litigation.tests.factories import lawsuit_data
from fazhi.reconsideration.services import ConcurrentEditError
from fazhi.reconsideration.workflow import TransitionRefused

pytestmark = pytest.mark.django_db


def register(officer, defendant, **overrides):
    return services.lawsuit_register(actor=officer, **lawsuit_data(defendant, **overrides))


@time_machine.travel(date(2024, 10, 8), tick=False)
def test_defence_due_fifteen_days_after_the_complaint_rolled_past_national_day(
    recon_officer, unit_a
):
    """Complaint received 2024-09-16: 15 days → 10-01, in the 国庆 holiday (10/1-10/7) → 10-08."""
    lawsuit = register(
        recon_officer, unit_a, filed_on=date(2024, 9, 10), complaint_received_on=date(2024, 9, 16)
    )
    assert lawsuit.defence_due_on == date(2024, 10, 8)
    assert (
        "国庆" in lawsuit.defence_due_explanation
        and "第六十七条" in lawsuit.defence_due_explanation
    )


@time_machine.travel(date(2024, 5, 6), tick=False)
def test_the_head_must_be_named_and_a_lawyer_alone_never_counts(recon_officer, unit_a):
    lawsuit = register(recon_officer, unit_a)
    with pytest.raises(TransitionRefused, match="第一百二十八条"):
        services.lawsuit_record_hearing(
            actor=recon_officer,
            lawsuit=lawsuit,
            held_on=date(2024, 5, 6),
            appearance=Appearance.HEAD,
            head_name="周律师",
            head_rank=HeadRank.PRINCIPAL,
            head_title="局长",
            lawyer_names="周律师",
        )
    with pytest.raises(TransitionRefused, match="姓名、职务"):
        services.lawsuit_record_hearing(
            actor=recon_officer,
            lawsuit=lawsuit,
            held_on=date(2024, 5, 6),
            appearance=Appearance.HEAD,
        )
    with pytest.raises(TransitionRefused, match="第一百二十九条第三款"):
        services.lawsuit_record_hearing(
            actor=recon_officer,
            lawsuit=lawsuit,
            held_on=date(2024, 5, 6),
            appearance=Appearance.LAWYER_ONLY,
            lawyer_names="周律师",
        )
    with pytest.raises(TransitionRefused, match="授权委托书"):
        services.lawsuit_record_hearing(
            actor=recon_officer,
            lawsuit=lawsuit,
            held_on=date(2024, 5, 6),
            appearance=Appearance.STAFF,
            staff_name="陈晓东",
            staff_position="法制股股长",
            absence_reason="出差",
        )
    services.lawsuit_record_hearing(
        actor=recon_officer,
        lawsuit=lawsuit,
        held_on=date(2024, 4, 20),
        appearance=Appearance.HEAD,
        head_name="李强",
        head_rank=HeadRank.PRINCIPAL,
        head_title="局长",
        lawyer_names="周律师",
    )
    services.lawsuit_record_hearing(
        actor=recon_officer,
        lawsuit=lawsuit,
        held_on=date(2024, 5, 6),
        appearance=Appearance.LAWYER_ONLY,
        lawyer_names="周律师",
        absence_reason="负责人出差，未委托工作人员",
    )
    values = indicator_values(
        ["litigation.head_appearance_rate", "litigation.hearings", "litigation.hearings_with_head"],
        division_or_unit=recon_officer.unit,
        year=2024,
    )
    assert (
        values["litigation.hearings"].value == 2
        and values["litigation.hearings_with_head"].value == 1
    )
    assert values["litigation.head_appearance_rate"].display == "50%"
    by_case = {v.code: v for v in values["litigation.head_appearance_rate"].variants}[
        "litigation.head_appearance_rate.case"
    ]
    assert by_case.display == "100%"


def test_judgment_appeal_period_and_the_appeal_linked_to_the_first_instance(recon_officer, unit_a):
    with time_machine.travel(date(2024, 9, 20), tick=False):
        first = register(recon_officer, unit_a, filed_on=date(2024, 3, 1))
        with pytest.raises(TransitionRefused, match="清单"):
            services.lawsuit_record_judgment(
                actor=recon_officer,
                lawsuit=first,
                judgment_type="partly_upheld",
                judgment_on=date(2024, 9, 10),
            )
        with pytest.raises(TransitionRefused, match="第八十九条"):
            services.lawsuit_record_judgment(
                actor=recon_officer,
                lawsuit=first,
                judgment_type=JudgmentType.APPEAL_DISMISSED,
                judgment_on=date(2024, 9, 10),
            )
        # Judgment served Fri 2024-09-13: 15 days → Sat 09-28, a rest day → Sun 09-29, a 调休 working day.
        first = services.lawsuit_record_judgment(
            actor=recon_officer,
            lawsuit=first,
            judgment_type=JudgmentType.REVOKED,
            judgment_on=date(2024, 9, 10),
            served_on=date(2024, 9, 13),
        )
        assert first.appeal_due_on == date(2024, 9, 29)
        assert first.is_lost
        with pytest.raises(TransitionRefused, match="尚未发生法律效力"):
            services.lawsuit_close(actor=recon_officer, lawsuit=first, on=date(2024, 9, 20))
        appeal = services.lawsuit_appeal(
            actor=recon_officer,
            lawsuit=first,
            court="衡阳市中级人民法院",
            court_case_number="（2024）湘04行终88号",
            appellant="蒸湘区人力资源和社会保障局",
            filed_on=date(2024, 9, 20),
        )
    first.refresh_from_db()
    assert first.appealed and appeal.instance == Instance.APPEAL and appeal.first_instance == first
    with time_machine.travel(date(2024, 12, 20), tick=False):
        appeal = services.lawsuit_record_judgment(
            actor=recon_officer,
            lawsuit=appeal,
            judgment_type=JudgmentType.APPEAL_DISMISSED,
            judgment_on=date(2024, 12, 10),
            served_on=date(2024, 12, 16),
        )
    first.refresh_from_db()
    assert appeal.status == first.status == LawsuitStatus.CLOSED
    values = indicator_values(
        ["litigation.first_instance", "litigation.appeal", "litigation.loss_rate"],
        division_or_unit=recon_officer.unit,
        year=2024,
    )
    assert values["litigation.first_instance"].value == 1 and values["litigation.appeal"].value == 1
    assert values["litigation.loss_rate"].display == "100%"


def test_ruling_appeal_period_is_ten_days_and_the_scan_makes_it_effective(recon_officer, unit_a):
    # Issue 21: the appealable ruling is 驳回起诉 (准许撤诉 is final, 行诉解释第一百零一条), and the
    # ruling takes effect once every party's period ran, so the plaintiff's service is recorded.
    with time_machine.travel(date(2024, 6, 3), tick=False):
        lawsuit = register(recon_officer, unit_a, filed_on=date(2024, 3, 1))
        lawsuit = services.lawsuit_record_judgment(
            actor=recon_officer,
            lawsuit=lawsuit,
            judgment_type=JudgmentType.SUIT_DISMISSED,
            judgment_on=date(2024, 5, 28),
            served_on=date(2024, 5, 30),
        )
        lawsuit = services.lawsuit_record_service(
            actor=recon_officer, lawsuit=lawsuit, on=date(2024, 5, 30), party="plaintiff"
        )
    # Ruling served 2024-05-30: 10 days → 06-09 (Sun) → 06-10 is 端午 → 06-11.
    assert lawsuit.appeal_due_on == date(2024, 6, 11)
    closed = services.scan_effective(today=date(2024, 6, 12))
    assert [x.pk for x in closed] == [lawsuit.pk]
    lawsuit.refresh_from_db()
    assert lawsuit.status == LawsuitStatus.CLOSED and lawsuit.closed_on == date(2024, 6, 12)


@time_machine.travel(date(2024, 6, 3), tick=False)
def test_appeal_requires_the_first_instance_and_plaintiff_ids_are_checked(recon_officer, unit_a):
    with pytest.raises(ValidationError) as refused:
        register(recon_officer, unit_a, instance=Instance.APPEAL, appellant="李四")
    assert "first_instance" in refused.value.message_dict
    with pytest.raises(ValidationError, match="校验位"):
        register(recon_officer, unit_a, plaintiff_id_number="430408198001010017")
    assert Lawsuit.objects.count() == 0


def test_linked_reconsideration_case_and_the_expected_defendant(
    recon_officer, recon_head, unit_a, unit_b
):
    from fazhi.reconsideration import services as recon
    from fazhi.reconsideration.tests.factories import accepted, heard

    with time_machine.travel(date(2024, 4, 10), tick=False):
        case = heard(recon_officer, accepted(recon_officer, unit_a))
        case = recon.case_propose_decision(
            actor=recon_officer, case=case, outcome="upheld", on=date(2024, 4, 8), grounds="合法"
        )
        case = recon.case_approve_decision(
            actor=recon_officer,
            case=case,
            kind="head",
            on=date(2024, 4, 9),
            approver_name="王志刚",
            approver_title="副区长",
        )
        case = recon.case_issue_decision(actor=recon_officer, case=case, on=date(2024, 4, 10))
    with time_machine.travel(date(2024, 5, 10), tick=False):
        with pytest.raises(ValidationError, match="第二十六条第二款"):
            register(recon_officer, unit_b, reconsideration_case=case)
        lawsuit = register(
            recon_officer, unit_a, reconsideration_case=case, co_defendant="衡阳市蒸湘区人民政府"
        )
    assert lawsuit.reconsideration_first
    assert "共同被告" in lawsuit.expected_defendant_note


@time_machine.travel(date(2024, 6, 3), tick=False)
def test_a_stale_lawsuit_edit_is_refused(recon_officer, second_officer, unit_a):

    lawsuit = register(recon_officer, unit_a)
    stale = Lawsuit.objects.get(pk=lawsuit.pk)
    services.lawsuit_update(actor=recon_officer, lawsuit=lawsuit, note="原告补充证据")
    with pytest.raises(ConcurrentEditError, match=recon_officer.display_name):
        services.lawsuit_update(actor=second_officer, lawsuit=stale, note="覆盖")
    assert Lawsuit.objects.get(pk=lawsuit.pk).note == "原告补充证据"


def test_the_daily_litigation_scan_command_closes_a_judgment_no_party_appealed(
    recon_officer, unit_a
):
    """`manage.py litigation_scan`: the lawsuits' own daily scan (split from reconsideration's)."""
    with time_machine.travel(date(2024, 6, 3), tick=False):
        lawsuit = register(recon_officer, unit_a, filed_on=date(2024, 3, 1))
        lawsuit = services.lawsuit_record_judgment(
            actor=recon_officer,
            lawsuit=lawsuit,
            judgment_type=JudgmentType.SUIT_DISMISSED,
            judgment_on=date(2024, 5, 28),
            served_on=date(2024, 5, 30),
        )
        services.lawsuit_record_service(
            actor=recon_officer, lawsuit=lawsuit, on=date(2024, 5, 30), party="plaintiff"
        )
    out = io.StringIO()
    call_command("litigation_scan", "--today", "2024-06-12", stdout=out)
    assert "一审裁判生效 1 件" in out.getvalue()
    assert lawsuit.court_case_number in out.getvalue()
    lawsuit.refresh_from_db()
    assert lawsuit.status == LawsuitStatus.CLOSED
