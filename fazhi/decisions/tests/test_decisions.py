"""Major decisions: catalogs (D2-D4), the statutory steps with evidence, and the L1 hard gate."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from fazhi.decisions.models import CatalogState, DecisionCategory, DecisionState, StepKind
from fazhi.decisions.selectors import decision_checklist
from fazhi.decisions.services import (
    catalog_create,
    catalog_item_add,
    catalog_publish,
    catalog_record_party_agreement,
    decision_discuss,
    decision_initiate,
    decision_publish,
    decision_record_step,
    decision_report_to_party,
    decision_submit_for_review,
)
from fazhi.meetings.models import AgendaItem, AgendaItemKind, AgendaOutcome, MeetingKind
from fazhi.meetings.services import agenda_item_add, meeting_create
from fazhi.review.services import advisor_opinion_record, review_request_advisor_opinion
from fazhi.review.tests.chain import approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(office_staff, government):
    return catalog_create(actor=office_staff, unit=government, year=2024)


def test_a_catalog_item_needs_a_lead_unit(office_staff, catalog, unit_a):
    with pytest.raises(ValidationError) as refused:
        catalog_item_add(
            actor=office_staff,
            catalog=catalog,
            title="编制蒸湘区国土空间总体规划",
            category=DecisionCategory.PLAN,
            lead_unit=None,
            planned_date=date(2024, 10, 31),
        )
    assert "承办单位" in str(refused.value) and "第十一条" in str(refused.value)
    assert catalog.items.count() == 0


def test_the_catalog_is_published_only_after_the_party_committee_agrees(
    office_staff, catalog, unit_a
):
    catalog_item_add(
        actor=office_staff,
        catalog=catalog,
        title="蒸湘区老旧小区改造三年行动方案",
        category=DecisionCategory.PUBLIC_POLICY,
        lead_unit=unit_a,
        planned_date=date(2024, 6, 30),
    )
    with pytest.raises(ValidationError, match="第三条第三款"):
        catalog_publish(
            actor=office_staff, catalog=catalog, on=date(2024, 2, 1), url="http://x.cn/1"
        )
    catalog_record_party_agreement(
        actor=office_staff,
        catalog=catalog,
        on=date(2024, 2, 20),
        reference="区委常委会2024年第3次会议",
    )
    with pytest.raises(ValidationError, match="不能早于党委同意日期"):
        catalog_publish(
            actor=office_staff, catalog=catalog, on=date(2024, 2, 19), url="http://x.cn/1"
        )
    catalog_publish(actor=office_staff, catalog=catalog, on=date(2024, 2, 26), on_portal=True)
    catalog.refresh_from_db()
    assert catalog.state == CatalogState.PUBLISHED and catalog.on_portal


def test_excluded_categories_are_outside_the_procedure_d1(office_staff, government, unit_a):
    with pytest.raises(ValidationError, match="第三条第二款"):
        decision_initiate(
            actor=office_staff,
            unit=government,
            title="防汛应急处置",
            category=DecisionCategory.EMERGENCY,
            lead_unit=unit_a,
            year=2024,
        )


@pytest.fixture
def decision(office_staff, government, unit_a):
    return decision_initiate(
        actor=office_staff,
        unit=government,
        title="蒸湘区老旧小区改造三年行动方案",
        category=DecisionCategory.PUBLIC_POLICY,
        lead_unit=unit_a,
        year=2024,
        is_technical=True,
        affects_stability=True,
    )


@pytest.fixture
def executive_meeting(office_staff, government):
    return meeting_create(
        actor=office_staff,
        unit=government,
        kind=MeetingKind.EXECUTIVE,
        held_on=date(2024, 5, 20),
        number=9,
    )


def record_pre_decision_steps(user, decision):
    decision_record_step(
        actor=user,
        decision=decision,
        kind=StepKind.PUBLIC_PARTICIPATION,
        started_on=date(2024, 3, 1),
        completed_on=date(2024, 4, 1),
        evidence="在区政府门户网站公开征求意见30日，收到意见12条。",
    )
    decision_record_step(
        actor=user,
        decision=decision,
        kind=StepKind.EXPERT_REVIEW,
        completed_on=date(2024, 4, 3),
        evidence="专家论证会纪要",
        participants="王教授、李高工",
        conflict_declared=True,
    )
    decision_record_step(
        actor=user,
        decision=decision,
        kind=StepKind.RISK_ASSESSMENT,
        completed_on=date(2024, 4, 8),
        evidence="社会稳定风险评估报告",
        risk_controllable=True,
    )


def submit_and_pass(clerk, reviewer, advisor, decision, submitted=date(2024, 4, 10)):
    review = decision_submit_for_review(
        actor=clerk,
        decision=decision,
        submitted_on=submitted,
        draft="方案全文",
        legal_basis="《城市房地产管理法》等",
        procedure_statement="已公开征求意见、专家论证、风险评估。",
    )
    opinion = review_request_advisor_opinion(
        actor=reviewer, review=review, advisor=advisor, requested_on=submitted
    )
    advisor_opinion_record(
        actor=reviewer,
        opinion=opinion,
        given_on=submitted + timedelta(days=2),
        text="建议明确补偿标准。",
    )
    approve(review, reviewer, on=submitted + timedelta(days=3))
    return review


def test_public_participation_shorter_than_the_later_of_30_days_and_20_working_days_is_refused(
    clerk_a, decision
):
    # 30 days from 1 May 2024 → 31 May; 20 working days (劳动节 1-5 May, 11 May 调休上班) → 30 May.
    with pytest.raises(ValidationError) as refused:
        decision_record_step(
            actor=clerk_a,
            decision=decision,
            kind=StepKind.PUBLIC_PARTICIPATION,
            started_on=date(2024, 5, 1),
            completed_on=date(2024, 5, 30),
            evidence="网站公开征求意见",
        )
    assert "2024-05-31" in str(refused.value) and "第十五条" in str(refused.value)
    decision_record_step(
        actor=clerk_a,
        decision=decision,
        kind=StepKind.PUBLIC_PARTICIPATION,
        started_on=date(2024, 5, 1),
        completed_on=date(2024, 5, 31),
        evidence="网站公开征求意见",
    )


def test_discussing_a_decision_before_review_is_refused_l1(
    office_staff, decision, executive_meeting
):
    record_pre_decision_steps(office_staff, decision)
    with pytest.raises(ValidationError) as refused:
        decision_discuss(
            actor=office_staff,
            decision=decision,
            meeting=executive_meeting,
            outcome=AgendaOutcome.APPROVED,
        )
    assert "第二十五条" in str(refused.value) and "L1" not in str(refused.value)
    # the meeting recorder cannot slip it onto the agenda either
    with pytest.raises(ValidationError, match="第二十五条"):
        agenda_item_add(
            actor=office_staff,
            meeting=executive_meeting,
            kind=AgendaItemKind.MAJOR_DECISION,
            title=decision.title,
            outcome=AgendaOutcome.APPROVED,
            subject=decision,
        )
    assert AgendaItem.objects.count() == 0
    decision.refresh_from_db()
    assert decision.state == DecisionState.DRAFTING and decision.discussed_on is None


def test_no_discussion_without_the_advisors_opinion_on_record(
    settings, office_staff, clerk_a, reviewer, decision, executive_meeting
):
    """With the review configured not to demand it, the discussion gate still does (L1, L5)."""
    settings.FAZHI_REVIEW = {"advisor_opinion_required_for": []}
    record_pre_decision_steps(office_staff, decision)
    review = decision_submit_for_review(
        actor=clerk_a,
        decision=decision,
        submitted_on=date(2024, 4, 10),
        draft="方案",
        legal_basis="依据",
        procedure_statement="程序",
    )
    approve(review, reviewer, on=date(2024, 4, 22))
    with pytest.raises(ValidationError, match="第二十八条"):
        decision_discuss(
            actor=office_staff, decision=decision, meeting=executive_meeting, outcome="approved"
        )


def test_missing_statutory_steps_block_the_discussion_d11(
    settings, office_staff, clerk_a, reviewer, advisor, decision, executive_meeting
):
    # Since issue 21 item 8 the steps forming the draft come before its legality review
    # (决策条例第二十六条第一款、第二十七条第二项): the submission is refused first.
    with pytest.raises(ValidationError) as refused:
        submit_and_pass(clerk_a, reviewer, advisor, decision)
    message = str(refused.value)
    assert "公众参与" in message and "专家论证" in message and "第二十七条" in message
    # Where the office lets the review start earlier, the discussion gate (D11) still refuses.
    settings.FAZHI_DECISIONS = {"steps_before_legality_review": []}
    submit_and_pass(clerk_a, reviewer, advisor, decision)
    with pytest.raises(ValidationError) as refused:
        decision_discuss(
            actor=office_staff, decision=decision, meeting=executive_meeting, outcome="approved"
        )
    message = str(refused.value)
    assert "公众参与" in message and "专家论证" in message and "第二十九条" in message


def test_an_uncontrollable_risk_blocks_the_discussion_d9(
    office_staff, clerk_a, reviewer, advisor, decision, executive_meeting
):
    decision_record_step(
        actor=office_staff,
        decision=decision,
        kind=StepKind.PUBLIC_PARTICIPATION,
        started_on=date(2024, 3, 1),
        completed_on=date(2024, 4, 1),
        evidence="公开征求意见",
    )
    decision_record_step(
        actor=office_staff,
        decision=decision,
        kind=StepKind.EXPERT_REVIEW,
        completed_on=date(2024, 4, 3),
        evidence="论证",
        participants="王教授",
        conflict_declared=True,
    )
    decision_record_step(
        actor=office_staff,
        decision=decision,
        kind=StepKind.RISK_ASSESSMENT,
        completed_on=date(2024, 4, 8),
        evidence="评估报告",
        risk_controllable=False,
    )
    # the steps forming the draft come before its review (issue 21 item 8), then the review
    submit_and_pass(clerk_a, reviewer, advisor, decision)
    with pytest.raises(ValidationError, match="第二十四条"):
        decision_discuss(
            actor=office_staff, decision=decision, meeting=executive_meeting, outcome="approved"
        )


def test_the_full_statutory_path_with_its_checklist(
    office_staff, clerk_a, reviewer, advisor, decision, executive_meeting
):
    record_pre_decision_steps(office_staff, decision)
    submit_and_pass(clerk_a, reviewer, advisor, decision, submitted=date(2024, 5, 14))
    decision.refresh_from_db()
    assert decision.state == DecisionState.REVIEW_PASSED
    item = decision_discuss(
        actor=office_staff,
        decision=decision,
        meeting=executive_meeting,
        outcome=AgendaOutcome.APPROVED,
        dissent="一名副区长建议分两期实施。",
        head_decision="按方案实施。",
    )
    # submitted Tue 14 May; 7 working days end Thu 23 May, after the meeting of 20 May (L3).
    assert "2024-05-23" in item.review_period_warning
    decision.refresh_from_db()
    assert decision.state == DecisionState.DECIDED and decision.discussed_on == date(2024, 5, 20)
    with pytest.raises(ValidationError, match="第三十一条"):
        decision_publish(
            actor=office_staff, decision=decision, on=date(2024, 5, 30), url="http://x.cn"
        )
    decision_report_to_party(
        actor=office_staff, decision=decision, on=date(2024, 5, 24), reference="蒸政呈〔2024〕8号"
    )
    decision_publish(
        actor=office_staff, decision=decision, on=date(2024, 6, 3), url="http://x.cn/d"
    )
    rows = {row.kind: row for row in decision_checklist(decision)}
    for kind in (
        StepKind.PUBLIC_PARTICIPATION,
        StepKind.EXPERT_REVIEW,
        StepKind.RISK_ASSESSMENT,
        StepKind.LEGALITY_REVIEW,
        StepKind.COLLECTIVE_DISCUSSION,
        StepKind.PARTY_REPORT,
        StepKind.PUBLICATION,
    ):
        assert rows[kind].done, kind
    assert rows[StepKind.COLLECTIVE_DISCUSSION].completed_on == date(2024, 5, 20)
    assert "合审〔2024〕1号" in rows[StepKind.LEGALITY_REVIEW].evidence
    assert rows[StepKind.ARCHIVING].required and not rows[StepKind.ARCHIVING].done
    assert not rows[StepKind.HEARING].required


def test_implementation_reports_come_after_publication_d16(office_staff, decision):
    with pytest.raises(ValidationError, match="第三十四条"):
        decision_record_step(
            actor=office_staff,
            decision=decision,
            kind=StepKind.IMPLEMENTATION_REPORT,
            completed_on=date(2024, 7, 1),
            evidence="执行情况报告",
        )
