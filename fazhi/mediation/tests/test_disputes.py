"""People's mediation: consent (M1), failure notice (M2), agreement fields (M4), the 30-day
judicial-confirmation window (M5) and the one-month soft period (M7) with frozen time,
follow-up (M6), encrypted parties, indicators counted by hand."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory
from fazhi.deadlines.models import ClockState
from fazhi.deadlines.selectors import clock_for
from fazhi.indicators.selectors import indicator_values
from fazhi.legal_aid.tests.factories import resident_id
from fazhi.mediation import deadlines as rules
from fazhi.mediation import services
from fazhi.mediation.models import Dispute, DisputeState, DisputeTimeline, Party
from fazhi.mediation.workbench import mediation_items

pytestmark = pytest.mark.django_db

PARTY_ID = resident_id("19650203", 88)


@pytest.fixture
def clerk(justice_bureau):
    return UserFactory(username="mediation_clerk", unit=justice_bureau, roles=[Role.CLERK])


@pytest.fixture
def committee(clerk):
    return services.committee_register(
        actor=clerk, name="区医疗纠纷人民调解委员会", kind="industry", field="medical"
    )


def register(clerk, committee, *, consents=("consented", "consented"), **overrides):
    values = {
        "dispute_type": "medical",
        "source": "application",
        "summary": "术后感染赔偿纠纷",
        "received_on": date(2024, 9, 3),
        "amount": Decimal("12.5"),
        "parties": [
            {
                "role": "applicant",
                "name": "患者家属周某",
                "id_number": PARTY_ID,
                "phone": "13511112222",
                "address": "蒸湘区联合街道和平巷7号",
                "consent": consents[0],
            },
            {"role": "respondent", "name": "某医院", "is_person": False, "consent": consents[1]},
        ],
    }
    values.update(overrides)
    return services.dispute_register(actor=clerk, committee=committee, **values)


def agree(clerk, dispute, **overrides):
    values = {
        "agreement_kind": "written",
        "facts_and_responsibility": "医院对术后护理不到位承担主要责任",
        "agreed_terms": "医院一次性赔偿12万元",
        "performance_method": "银行转账",
        "performance_due_on": date(2024, 10, 31),
        "parties_signed_on": date(2024, 9, 4),
        "mediator_signed_on": date(2024, 9, 5),
        "committee_sealed_on": date(2024, 9, 5),
        "agreed_amount": Decimal("12"),
    }
    values.update(overrides)
    return services.dispute_agree(actor=clerk, dispute=dispute, **values)


def test_a_refusing_party_blocks_mediation_naming_the_article_and_nothing_is_written(
    clerk, committee
):
    dispute = register(clerk, committee, consents=("consented", "refused"))
    events = DisputeTimeline.objects.filter(dispute=dispute).count()
    with pytest.raises(ValidationError) as refused:
        services.dispute_start(actor=clerk, dispute=dispute, on=date(2024, 9, 4))
    assert "《人民调解法》第十七条" in refused.value.messages[0]
    assert "某医院明确拒绝调解" in refused.value.messages[0]
    dispute.refresh_from_db()
    assert dispute.state == DisputeState.REGISTERED and dispute.started_on is None
    assert DisputeTimeline.objects.filter(dispute=dispute).count() == events
    dispute = services.dispute_decline(actor=clerk, dispute=dispute, on=date(2024, 9, 4))
    assert dispute.state == DisputeState.DECLINED
    assert clock_for(dispute, rules.CONCLUSION).state == ClockState.MET


def test_pending_consent_also_blocks_until_given(clerk, committee):
    dispute = register(clerk, committee, consents=("consented", "pending"))
    with pytest.raises(ValidationError, match="尚未表示同意"):
        services.dispute_start(actor=clerk, dispute=dispute, on=date(2024, 9, 4))
    party = dispute.parties.get(role="respondent")
    services.party_consent(actor=clerk, party=party, consent="consented", on=date(2024, 9, 4))
    assert services.dispute_start(actor=clerk, dispute=dispute, on=date(2024, 9, 4)).state == (
        DisputeState.MEDIATING
    )


def test_written_agreement_takes_effect_at_the_last_signature_and_opens_the_30_day_window(
    clerk, committee
):
    dispute = register(clerk, committee)
    dispute = services.dispute_start(actor=clerk, dispute=dispute, on=date(2024, 9, 3))
    with pytest.raises(ValidationError) as refused:
        agree(clerk, dispute, committee_sealed_on=None, agreed_terms="")
    message = refused.value.messages[0]
    assert "达成调解协议的内容" in message and "人民调解委员会印章" in message
    assert "《人民调解法》第二十八条" in message
    dispute = agree(clerk, dispute)
    assert dispute.effective_on == date(2024, 9, 5) and dispute.state == DisputeState.AGREED
    # M5: 30 calendar days from 09-05 end on 10-05, inside National Day → 10-08.
    clock = clock_for(dispute, rules.CONFIRMATION)
    assert clock.due_date == date(2024, 10, 8)
    assert "《人民调解法》第三十三条" in clock.explanation
    with time_machine.travel(date(2024, 10, 8), tick=False):
        (item,) = [i for i in mediation_items(clerk) if "司法确认" in i.title]
        assert item.level == "due_today"
    with pytest.raises(ValidationError) as late:
        services.dispute_apply_confirmation(
            actor=clerk, dispute=dispute, on=date(2024, 10, 9), court="蒸湘区人民法院"
        )
    assert "《人民调解法》第三十三条" in late.value.messages[0]
    dispute = services.dispute_apply_confirmation(
        actor=clerk, dispute=dispute, on=date(2024, 10, 8), court="蒸湘区人民法院"
    )
    assert dispute.confirmation_applied_on == date(2024, 10, 8)
    assert clock_for(dispute, rules.CONFIRMATION).state == ClockState.MET


def test_one_month_soft_period_warns_only_when_overdue(clerk, committee):
    # M7: received 2024-09-03, one month → 10-03, National Day → first working day 10-08.
    dispute = register(clerk, committee)
    clock = clock_for(dispute, rules.CONCLUSION)
    assert clock.due_date == date(2024, 10, 8)
    with time_machine.travel(date(2024, 10, 8), tick=False):
        assert [i for i in mediation_items(clerk) if "一般调解期限" in i.title] == []
    with time_machine.travel(date(2024, 10, 9), tick=False):
        (item,) = [i for i in mediation_items(clerk) if "一般调解期限" in i.title]
        assert item.level == "overdue" and dispute.number in item.title
        # soft: mediation can still go on and succeed after the month
        dispute = services.dispute_start(actor=clerk, dispute=dispute, on=date(2024, 10, 9))
        dispute = agree(
            clerk,
            dispute,
            parties_signed_on=date(2024, 10, 10),
            mediator_signed_on=date(2024, 10, 10),
            committee_sealed_on=date(2024, 10, 10),
        )
    assert clock_for(dispute, rules.CONCLUSION).state == ClockState.MISSED


def test_failure_requires_the_notice_of_other_routes(clerk, committee):
    dispute = register(clerk, committee)
    dispute = services.dispute_start(actor=clerk, dispute=dispute, on=date(2024, 9, 3))
    with pytest.raises(ValidationError, match="第二十六条"):
        services.dispute_fail(actor=clerk, dispute=dispute, on=date(2024, 9, 20), notice="")
    dispute = services.dispute_fail(
        actor=clerk,
        dispute=dispute,
        on=date(2024, 9, 20),
        notice="告知可申请医疗事故技术鉴定或起诉",
    )
    assert dispute.state == DisputeState.FAILED


def test_follow_up_records_performance(clerk, committee):
    dispute = register(clerk, committee)
    dispute = services.dispute_start(actor=clerk, dispute=dispute, on=date(2024, 9, 3))
    dispute = agree(clerk, dispute)
    services.follow_up_record(
        actor=clerk, dispute=dispute, visited_on=date(2024, 11, 5), performance="performed"
    )
    dispute.refresh_from_db()
    assert dispute.performance == "performed"


def test_party_identifiers_are_encrypted(clerk, committee):
    register(clerk, committee)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone, address FROM mediation_party WHERE id_number <> ''"
        )
        stored = cursor.fetchone()
    joined = " ".join(stored)
    assert PARTY_ID not in joined and "13511112222" not in joined and "和平巷" not in joined
    assert Party.objects.get(name="患者家属周某").id_number == PARTY_ID


def test_a_bad_party_identity_number_writes_nothing(clerk, committee):
    bad = PARTY_ID[:-1] + ("1" if PARTY_ID[-1] != "1" else "2")
    with pytest.raises(ValidationError) as refused:
        register(
            clerk,
            committee,
            parties=[
                {"role": "applicant", "name": "甲", "id_number": bad, "consent": "consented"},
                {"role": "respondent", "name": "乙", "consent": "consented"},
            ],
        )
    assert "第1位当事人" in str(refused.value) and "校验位" in str(refused.value)
    assert Dispute.objects.count() == 0 and Party.objects.count() == 0


def test_indicators_count_medical_disputes_and_their_amount(clerk, committee):
    village = services.committee_register(actor=clerk, name="光辉村人民调解委员会", kind="village")
    amounts = [Decimal("12.5"), Decimal("30.12")]
    for amount in amounts:
        dispute = register(clerk, committee, amount=amount)
        dispute = services.dispute_start(actor=clerk, dispute=dispute, on=date(2024, 9, 3))
        agree(clerk, dispute)
    failed = register(clerk, committee, amount=Decimal("5"))
    failed = services.dispute_start(actor=clerk, dispute=failed, on=date(2024, 9, 3))
    services.dispute_fail(actor=clerk, dispute=failed, on=date(2024, 9, 9), notice="告知诉讼途径")
    register(clerk, committee, consents=("refused", "consented"))  # never mediated
    neighbour = register(clerk, village, dispute_type="neighbour", amount=Decimal("0.3"))
    services.dispute_start(actor=clerk, dispute=neighbour, on=date(2024, 9, 4))
    codes = [
        "mediation.medical_cases",
        "mediation.medical_success",
        "mediation.medical_amount",
        "mediation.cases",
        "mediation.success",
        "mediation.cases_neighbour",
        "mediation.success_rate",
    ]
    values = indicator_values(codes, division_or_unit=clerk.unit, year=2024)
    assert values["mediation.medical_cases"].value == 3
    assert values["mediation.medical_success"].value == 2
    assert values["mediation.medical_amount"].value == Decimal("47.62")  # 12.5 + 30.12 + 5
    assert values["mediation.medical_amount"].display == "47.62万元"
    assert values["mediation.cases"].value == 4 and values["mediation.success"].value == 2
    assert values["mediation.cases_neighbour"].value == 1
    assert values["mediation.success_rate"].display == "50%"
