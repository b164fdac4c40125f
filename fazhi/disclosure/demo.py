"""Demo step: the demo district's 2024 government information disclosure (seed 一(二)):
1,877 portal items (the CMS export, through the one import path), 49 interpretations of the
区委常委会 and 区政府常务会议, 86 letters answered, and a realistic set of 依申请公开 requests
run through their statutory steps (补正, 征求第三方意见 with an extension, replies of several
types, one carried over from 2023 and two into 2025, one fee).

ILLUSTRATIVE: titles, columns, dates, applicants and the split by category and channel.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from fazhi.core.imports import run_import
from fazhi.core.models import Role, Unit, User
from fazhi.core.plugins import ORDER_REGISTER, demo_account, demo_step
from fazhi.core.xlsx import build_workbook
from fazhi.deadlines.calendar import load_calendar
from fazhi.disclosure import services
from fazhi.disclosure.imports import ITEM_COLUMNS, ITEM_IMPORT
from fazhi.disclosure.models import (
    ApplicantType,
    Category,
    InterpretationForm,
    LetterChannel,
    ProactiveItem,
    ReplyType,
    RequestChannel,
)

YEAR = 2024
PORTAL_UNIT = "蒸湘区人民政府办公室"
ITEMS, INTERPRETATIONS, LETTERS = 1877, 49, 86
COLUMNS = {
    Category.WORK: ("政务动态", 1180), Category.POLICY: ("政策文件", 212),
    Category.NORMATIVE: ("规范性文件", 23), Category.LICENCE: ("行政许可公示", 160),
    Category.PENALTY: ("行政处罚公示", 120), Category.COERCION: ("行政强制公示", 12),
    Category.FEES: ("收费目录", 8), Category.PROCUREMENT: ("政府采购", 96),
    Category.OTHER: ("其他", 66),
}  # fmt: skip


def _actor(context: dict, unit: Unit, username: str, role=Role.CLERK) -> User:
    name = f"{unit.short_name or unit.name}政务公开{Role(role).label}"
    return demo_account(context, username, unit=unit, full_name=name, roles=[role])


def _items_file(rng, working_days) -> bytes:
    labels = {value: str(label) for value, label in Category.choices}
    rows, n = [], 0
    for category, (column, count) in COLUMNS.items():
        for _ in range(count):
            n += 1
            formed = rng.choice(working_days)
            published = formed + timedelta(days=rng.randint(0, 9))
            rows.append([f"CMS{YEAR}{n:05d}", f"{column}信息第{n}号", column, labels[category],
                         formed, min(published, date(YEAR, 12, 31))])  # fmt: skip
    assert n == ITEMS
    return build_workbook([c.header for c in ITEM_COLUMNS], rows, title="发布信息")


def _letters(actor, rng, working_days):
    cal = load_calendar()
    for n in range(LETTERS + 2):
        channel = LetterChannel.PORTAL if n % 3 else LetterChannel.HOTLINE_12345
        received = rng.choice(working_days[:-15]) if n < LETTERS else date(YEAR, 12, 30)
        letter = services.letter_receive(actor=actor, number=f"XJ{YEAR}{n + 1:04d}", channel=channel,
                                         received_on=received, subject=f"群众来信{n + 1}",
                                         content="关于小区周边道路维修的建议")  # fmt: skip
        if n < LETTERS:
            services.letter_reply(actor=actor, letter=letter, on=cal.add_working_days(received, rng.randint(1, 4)),
                                  reply="已转交有关部门办理并答复来信人。")  # fmt: skip


def _requests(clerk, head):
    """A handful of requests, each through its steps (dates worked by hand; see tests)."""
    receive = services.request_receive
    people = [("刘某", ApplicantType.PERSON), ("湖南某律师事务所", ApplicantType.LAW_FIRM),
              ("衡阳某建设有限公司", ApplicantType.ENTERPRISE), ("陈某", ApplicantType.PERSON)]  # fmt: skip
    n = 0

    def new(on, applicant=0, channel=RequestChannel.IN_PERSON, **extra):
        nonlocal n
        n += 1
        name, kind = people[applicant]
        return receive(actor=clerk, number=f"YSQ{on.year}{n:03d}", applicant_name=name,
                       applicant_type=kind, channel=channel, submitted_on=on,
                       description=f"申请公开{on.year}年某项目的批复文件（第{n}件）", **extra)  # fmt: skip

    carried = new(date(YEAR - 1, 12, 20))
    services.request_reply(
        actor=clerk, request=carried, on=date(YEAR, 1, 10), reply_type=ReplyType.DISCLOSED
    )
    plain = [(date(YEAR, m, 6), a, t) for m, a, t in [
        (1, 0, ReplyType.DISCLOSED), (2, 1, ReplyType.DISCLOSED), (3, 2, ReplyType.PARTIAL),
        (4, 0, ReplyType.UNABLE_NOT_HELD), (5, 3, ReplyType.REFUSED_PETITION),
        (6, 1, ReplyType.WITHHELD_PROCESS), (7, 0, ReplyType.DISCLOSED), (8, 2, ReplyType.UNABLE_NOT_HELD),
        (9, 3, ReplyType.DISCLOSED), (10, 0, ReplyType.REFUSED_REPEAT), (11, 1, ReplyType.DISCLOSED),
    ]]  # fmt: skip
    for on, applicant, reply_type in plain:
        request = new(on, applicant, RequestChannel.ONLINE, confirmed_on=on)
        basis = (
            ""
            if reply_type not in (ReplyType.PARTIAL, ReplyType.WITHHELD_PROCESS)
            else "所申请信息含有尚在讨论中的过程性内容。"
        )
        services.request_reply(
            actor=clerk,
            request=request,
            on=on + timedelta(days=12),
            reply_type=reply_type,
            basis=basis,
        )
    unclear = new(date(YEAR, 3, 12), 3)
    services.request_correction(actor=clerk, request=unclear, on=date(YEAR, 3, 15))
    services.request_correct(actor=clerk, request=unclear, on=date(YEAR, 3, 25))
    services.request_reply(
        actor=clerk, request=unclear, on=date(YEAR, 4, 10), reply_type=ReplyType.DISCLOSED
    )
    abandoned = new(date(YEAR, 6, 3), 0, RequestChannel.SIGNED_MAIL, signed_on=date(YEAR, 6, 5))
    services.request_correction(actor=clerk, request=abandoned, on=date(YEAR, 6, 7))
    services.request_abandon(actor=clerk, request=abandoned, on=date(YEAR, 7, 15))
    third = new(date(YEAR, 8, 12), 2)
    services.request_consult(actor=clerk, request=third, on=date(YEAR, 8, 14))
    services.request_consulted(actor=clerk, request=third, on=date(YEAR, 9, 3))
    services.request_extend(
        actor=clerk, request=third, approver=head, reason="涉及第三方商业信息，需进一步核实"
    )
    services.request_reply(actor=clerk, request=third, on=date(YEAR, 10, 15), reply_type=ReplyType.WITHHELD_THIRD_PARTY,
                           basis="第三方不同意公开，且不公开不会对公共利益造成重大影响。")  # fmt: skip
    bulky = new(date(YEAR, 9, 18), 1)
    services.request_reply(actor=clerk, request=bulky, on=date(YEAR, 10, 16), reply_type=ReplyType.DISCLOSED,
                           pages=120, charge=True, fee_method="pages")  # fmt: skip
    for on in (date(YEAR, 12, 23), date(YEAR, 12, 27)):
        new(on, 3)
    return n


@demo_step(order=ORDER_REGISTER + 5)
def load_disclosure(context: dict) -> str:
    unit = context["units"][PORTAL_UNIT]
    if ProactiveItem.objects.filter(unit=unit).exists():
        return "政务公开：2024 年度信息已存在"
    rng = random.Random(2024)  # noqa: S311 - demo data
    cal = load_calendar()
    working_days = [date(YEAR, 1, 2) + timedelta(days=n) for n in range(355)]
    working_days = [d for d in working_days if not cal.is_rest_day(d)]
    clerk = _actor(context, unit, "zfb_gk_clerk")
    head = _actor(context, unit, "zfb_gk_head", Role.UNIT_HEAD)
    items = run_import(ITEM_IMPORT, _items_file(rng, working_days), actor=clerk)
    policies = list(
        ProactiveItem.objects.filter(unit=unit, category=Category.POLICY)[:INTERPRETATIONS]
    )
    forms = list(InterpretationForm.values)
    for n in range(INTERPRETATIONS):
        document = policies[n]
        services.interpretation_publish(
            actor=clerk, title=f"图文解读：{document.title}", form=forms[n % len(forms)],
            subject="区政府常务会议" if n % 2 else "区委常委会会议", document=document,
            published_on=document.published_on,
        )  # fmt: skip
    _letters(clerk, rng, working_days)
    requests = _requests(clerk, head)
    return (f"政务公开：门户网站信息 {items.created} 条，解读 {INTERPRETATIONS} 篇，来信 {LETTERS + 2} 封"
            f"（已回复 {LETTERS} 封），依申请公开 {requests} 件")  # fmt: skip
