"""依申请公开 with frozen time: the receipt date by channel (O2), the one-time 补正 within 7
working days across Spring Festival 2025 (O3), a third-party consultation that stops the reply
clock and one 20-working-day extension approved by the head (O4, O5), the progressive fee (O9).
Every expected date is counted by hand from the State Council's 2024 and 2025 notices."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fazhi.deadlines.models import ClockState
from fazhi.deadlines.selectors import clock_for, clocks_for
from fazhi.disclosure import fees, services
from fazhi.disclosure.deadlines import CORRECTION_NOTICE, REPLY, THIRD_PARTY
from fazhi.disclosure.models import ApplicantType, ReplyType, RequestChannel, RequestState

pytestmark = pytest.mark.django_db


def _receive(clerk, on, channel=RequestChannel.IN_PERSON, **extra):
    return services.request_receive(
        actor=clerk, number=f"YSQ-{on:%m%d}", applicant_name="刘某",
        applicant_type=ApplicantType.PERSON, channel=channel, submitted_on=on,
        description="某道路改造项目的立项批复", **extra,
    )  # fmt: skip


def test_receipt_date_by_channel(clerk):
    signed = _receive(
        clerk, date(2024, 6, 3), RequestChannel.SIGNED_MAIL, signed_on=date(2024, 6, 5)
    )
    assert signed.received_on == date(2024, 6, 5)
    online = services.request_receive(
        actor=clerk, number="YSQ-ONLINE", applicant_name="陈某", applicant_type=ApplicantType.PERSON,
        channel=RequestChannel.ONLINE, submitted_on=date(2024, 6, 7), confirmed_on=date(2024, 6, 11),
        description="某文件",
    )  # fmt: skip
    assert online.received_on == date(2024, 6, 11)
    with pytest.raises(ValidationError) as caught:
        _receive(clerk, date(2024, 6, 3), RequestChannel.SIGNED_MAIL)
    assert "第三十一条" in str(caught.value)


def test_correction_across_spring_festival_2025(clerk):
    with time_machine.travel(date(2025, 1, 24), tick=False):
        request = _receive(clerk, date(2025, 1, 24))
    notice = clock_for(request, CORRECTION_NOTICE)
    # Fri 1/24 + 7 WD: 1/26 Sun 调休 (1), 1/27 (2), 1/28–2/4 春节, 2/5 (3), 2/6 (4), 2/7 (5),
    # 2/8 Sat 调休 (6), 2/10 Mon (7)
    assert notice.due_date == date(2025, 2, 10)
    assert "1/28–2/4 春节放假不计" in notice.explanation
    assert "1/26（周日）调休上班计入" in notice.explanation
    # the reply period before any correction: 20 WD → Thu 2/27
    assert clock_for(request, REPLY).due_date == date(2025, 2, 27)

    with time_machine.travel(date(2025, 2, 5), tick=False):
        request = services.request_correction(actor=clerk, request=request, on=date(2025, 2, 5))
    assert request.state == RequestState.AWAITING_CORRECTION
    assert clock_for(request, CORRECTION_NOTICE).state == ClockState.MET
    with time_machine.travel(date(2025, 2, 12), tick=False):
        request = services.request_correct(actor=clerk, request=request, on=date(2025, 2, 12))
    # the reply period runs again from the corrected request: Wed 2/12 + 20 WD = Wed 3/12
    reply = clock_for(request, REPLY)
    assert reply.trigger_date == date(2025, 2, 12)
    assert reply.due_date == date(2025, 3, 12)
    with pytest.raises(ValidationError) as caught:
        services.request_correction(actor=clerk, request=request, on=date(2025, 2, 14))
    assert "《政府信息公开条例》第三十条" in str(caught.value)


def test_third_party_pause_and_one_extension_approved_by_the_head(clerk, head):
    with time_machine.travel(date(2024, 8, 12), tick=False):
        request = _receive(clerk, date(2024, 8, 12))
    # Mon 8/12 + 20 WD = Mon 9/9
    assert clock_for(request, REPLY).due_date == date(2024, 9, 9)
    with time_machine.travel(date(2024, 8, 14), tick=False):
        request = services.request_consult(actor=clerk, request=request, on=date(2024, 8, 14))
    assert clock_for(request, REPLY).state == ClockState.PAUSED
    # the third party's 15 WD from Wed 8/14: Wed 9/4
    assert clock_for(request, THIRD_PARTY).due_date == date(2024, 9, 4)
    with time_machine.travel(date(2024, 9, 3), tick=False):
        request = services.request_consulted(actor=clerk, request=request, on=date(2024, 9, 3))
    # 8/15–9/3 not counted: 8/13 (1), 8/14 (2), 9/4–9/6 (3–5), 9/9–13 (6–10), Sat 9/14 调休 (11),
    # 9/15–17 中秋, 9/18–20 (12–14), 9/23–27 (15–19), Sun 9/29 调休 (20)
    reply = clock_for(request, REPLY)
    assert reply.due_date == date(2024, 9, 29)
    assert clock_for(request, THIRD_PARTY).state == ClockState.MET
    with pytest.raises(ValidationError) as caught:
        services.request_extend(actor=clerk, request=request, approver=clerk, reason="复杂")
    assert "第三十三条第二款" in str(caught.value)
    with time_machine.travel(date(2024, 9, 20), tick=False):
        services.request_extend(actor=clerk, request=request, approver=head, reason="信息量大")
    # + 20 WD: 9/30 (21), 10/1–7 国庆, 10/8–11 (22–25), Sat 10/12 调休 (26), 10/14–18 (27–31),
    # 10/21–25 (32–36), 10/28–31 (37–40)
    reply = clock_for(request, REPLY)
    assert reply.due_date == date(2024, 10, 31)
    assert "经公开办主任批准延长20个工作日" in reply.explanation
    with pytest.raises(ValidationError) as caught:
        services.request_extend(actor=clerk, request=request, approver=head, reason="再次")
    assert "《政府信息公开条例》第三十三条" in str(caught.value)
    with time_machine.travel(date(2024, 10, 15), tick=False):
        request = services.request_reply(
            actor=clerk, request=request, on=date(2024, 10, 15),
            reply_type=ReplyType.WITHHELD_THIRD_PARTY, basis="第三方不同意公开。",
        )  # fmt: skip
    assert request.state == RequestState.REPLIED
    assert clock_for(request, REPLY).state == ClockState.MET
    assert [e.verb for e in request.steps.order_by("pk")] == [
        "receive", "consult_third_party", "third_party_answered", "extend", "reply",
    ]  # fmt: skip


def test_withholding_without_reasons_is_refused_naming_the_article(clerk):
    request = _receive(clerk, date(2024, 3, 4))
    with pytest.raises(ValidationError) as caught:
        services.request_reply(actor=clerk, request=request, on=date(2024, 3, 8),
                               reply_type=ReplyType.WITHHELD_PROCESS)  # fmt: skip
    assert "第三十六条" in str(caught.value)
    assert len(clocks_for(request)) == 2


def test_progressive_fees():
    assert [fees.fee_by_count(n) for n in (10, 11, 30, 31, 40, 41, 51)] == [
        0, 100, 100, 200, 200, 300, 400,
    ]  # fmt: skip
    assert fees.fee_by_pages(30) == 0
    assert fees.fee_by_pages(120) == Decimal(70 * 10 + 20 * 20)
    assert fees.fee_by_pages(250) == Decimal(70 * 10 + 100 * 20 + 50 * 40)


def test_reply_with_a_fee_by_pages(clerk):
    request = _receive(clerk, date(2024, 9, 18))
    request = services.request_reply(actor=clerk, request=request, on=date(2024, 10, 9),
                                     reply_type=ReplyType.DISCLOSED, pages=45, charge=True,
                                     fee_method="pages")  # fmt: skip
    assert request.fee == Decimal(150)
