"""Helpers that walk a normative document through its lifecycle with the real services."""

from datetime import date

from fazhi.meetings.models import MeetingKind
from fazhi.meetings.services import meeting_create
from fazhi.normdocs.models import IssuerKind
from fazhi.normdocs.services import (
    normdoc_discuss,
    normdoc_draft,
    normdoc_publish,
    normdoc_submit_for_review,
)
from fazhi.review.tests.chain import approve

BODY = (
    "第一条 为规范本区就业见习补贴的申领和发放，根据有关法律法规，结合本区实际，制定本办法。\n"
    "第二条 本办法适用于本区行政区域内的就业见习单位和见习人员。\n"
    "第三条 见习补贴按月发放，标准由区人力资源和社会保障局公布。"
)


def draft(clerk, title="蒸湘区就业见习补贴管理办法", body=BODY):
    return normdoc_draft(actor=clerk, title=title, body=body, issuer_kind=IssuerKind.DEPARTMENT)


def submit(clerk, document, on=date(2024, 8, 1)):
    return normdoc_submit_for_review(
        actor=clerk,
        document=document,
        submitted_on=on,
        drafting_note="为规范见习补贴发放而制定。",
        legal_basis="《就业促进法》",
        consultation_exempt_reason="仅涉及补贴发放程序，已书面征求相关单位意见。",
    )


def department_meeting(clerk, held_on=date(2024, 8, 20)):
    return meeting_create(
        actor=clerk, unit=clerk.unit, kind=MeetingKind.DEPARTMENT, held_on=held_on
    )


def reviewed_and_discussed(clerk, reviewer, *, submitted=date(2024, 8, 1), held=date(2024, 8, 20)):
    document = draft(clerk)
    review = submit(clerk, document, on=submitted)
    approve(review, reviewer, on=date(2024, 8, 12), n3_confirmed=True)
    normdoc_discuss(actor=clerk, document=document, meeting=department_meeting(clerk, held))
    document.refresh_from_db()
    return document


def publish(clerk, document, *, number="ZXDR-2024-00001", published_on=date(2024, 9, 20), **kw):
    values = {
        "registration_number": number,
        "published_on": published_on,
        "effective_on": date(2024, 10, 21),
        "valid_until": date(2029, 10, 20),
        "publication_url": "http://www.zhengxiang.gov.cn/gfxwj/1.html",
    }
    values.update(kw)
    return normdoc_publish(actor=clerk, document=document, **values)
