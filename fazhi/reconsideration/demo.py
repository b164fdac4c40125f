"""Demo step: the demo district's reconsideration cases, 2024, through the services.

The seed report states 99 applications received, 91 accepted, 80 closed, 19 corrected and 18
mediated or settled. Every case below is created and moved through its procedure by
`fazhi.reconsideration.services` (so numbering, clocks, guards and the timeline are the real
ones); the indicators then count the records. The lawsuits follow in `fazhi/litigation/demo.py`.

ILLUSTRATIVE: applicants, acts, dates, respondents, outcomes beyond the seed's totals, and
every lawsuit detail are invented to a realistic spread (seeded random, reproducible). The
carried-in cases from 2023 and the open cases carried into 2025 are invented too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from fazhi.core.models import Division, Role, Unit, User
from fazhi.core.plugins import ORDER_REGISTER, demo_account, demo_step
from fazhi.deadlines.calendar import load_calendar
from fazhi.indicators.selectors import check_stated, indicator_values
from fazhi.reconsideration import services
from fazhi.reconsideration.models import (
    AcceptanceCondition,
    ActType,
    AdministrativeField,
    ApplicantKind,
    CaseNumberCounter,
    Channel,
    HearingKind,
    IdType,
    Outcome,
    Procedure,
    ReconsiderationCase,
    SuspensionGround,
)
from fazhi.reconsideration.numbering import default_pattern

YEAR = 2024
RNG_SEED = 20240101
DISTRICT_CODE = "430408"  # the demo district (蒸湘区)
OFFICE_HEAD = ("recon_head", "刘建国", "行政复议与应诉股负责人")
APPROVER = ("王志刚", "区人民政府副区长")
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志强海燕春生"
COMPANIES = [
    "商贸有限公司",
    "建筑工程有限公司",
    "餐饮管理有限公司",
    "物流有限公司",
    "房地产开发有限公司",
    "科技有限公司",
]

# respondent (unit name) → (weight, field, typical acts)
RESPONDENTS = {
    "衡阳市公安局蒸湘分局": (
        16,
        AdministrativeField.PUBLIC_SECURITY,
        [
            (ActType.PENALTY, "治安管理处罚决定（行政拘留{n}日）", None),
            (ActType.PENALTY, "治安管理处罚决定（罚款{a}元）", 500),
        ],
    ),
    "衡阳市自然资源和规划局蒸湘分局": (
        9,
        AdministrativeField.NATURAL_RESOURCES,
        [
            (ActType.PENALTY, "违法占地行政处罚决定（罚款{a}元）", 30000),
            (ActType.CONFIRMATION, "不动产登记行为", None),
        ],
    ),
    "蒸湘区人力资源和社会保障局": (
        12,
        AdministrativeField.HUMAN_RESOURCES,
        [
            (ActType.WORK_INJURY, "工伤认定决定", None),
            (ActType.NON_PERFORMANCE, "未依法处理劳动保障监察投诉", None),
            (ActType.PENALTY, "劳动保障监察行政处罚（罚款{a}元）", 2000),
        ],
    ),
    "衡阳市市场监督管理局蒸湘分局": (
        10,
        AdministrativeField.MARKET_REGULATION,
        [
            (ActType.PENALTY, "食品安全行政处罚决定（罚款{a}元）", 10000),
            (ActType.NON_PERFORMANCE, "投诉举报未依法处理", None),
        ],
    ),
    "蒸湘区住房和城乡建设局": (
        8,
        AdministrativeField.HOUSING,
        [
            (ActType.EXPROPRIATION, "房屋征收补偿决定", None),
            (ActType.PENALTY, "建筑施工行政处罚（罚款{a}元）", 20000),
        ],
    ),
    "蒸湘区城市管理和综合执法局": (
        11,
        AdministrativeField.URBAN_MANAGEMENT,
        [
            (ActType.COERCION, "限期拆除违法建设决定", None),
            (ActType.PENALTY, "占道经营行政处罚（罚款{a}元）", 200),
        ],
    ),
    "衡阳市生态环境局蒸湘分局": (
        5,
        AdministrativeField.ECOLOGY,
        [(ActType.PENALTY, "环境违法行政处罚决定（罚款{a}元）", 50000)],
    ),
    "蒸湘区卫生健康局": (
        4,
        AdministrativeField.HEALTH,
        [(ActType.PENALTY, "医疗机构行政处罚（罚款{a}元）", 3000)],
    ),
    "蒸湘区教育局": (
        3,
        AdministrativeField.EDUCATION,
        [(ActType.INFORMATION_DISCLOSURE, "政府信息公开申请答复", None)],
    ),
    "蒸湘区交通运输局": (
        4,
        AdministrativeField.TRANSPORT,
        [(ActType.PENALTY, "道路运输行政处罚（罚款{a}元）", 2000)],
    ),
    "蒸湘区民政局": (
        2,
        AdministrativeField.CIVIL_AFFAIRS,
        [(ActType.INFORMATION_DISCLOSURE, "政府信息公开申请答复", None)],
    ),
    "蒸湘街道": (
        3,
        AdministrativeField.OTHER,
        [
            (ActType.NON_PERFORMANCE, "未履行安置补偿职责", None),
            (ActType.INFORMATION_DISCLOSURE, "政府信息公开申请答复", None),
        ],
    ),
    "雨母山镇": (3, AdministrativeField.OTHER, [(ActType.COERCION, "强制拆除行为", None)]),
}
SUPERIOR = {
    "衡阳市公安局蒸湘分局": "衡阳市公安局",
    "衡阳市自然资源和规划局蒸湘分局": "衡阳市自然资源和规划局",
    "衡阳市市场监督管理局蒸湘分局": "衡阳市市场监督管理局",
    "衡阳市生态环境局蒸湘分局": "衡阳市生态环境局",
}

# The 78 cases accepted and closed in 2024 (the two carried in from 2023 close in 2024 too).
CLOSED_2024 = (
    [Outcome.REVOKED] * 6
    + [Outcome.PARTLY_REVOKED] * 2
    + [Outcome.DECLARED_UNLAWFUL] * 4
    + [Outcome.VARIED] * 3
    + [Outcome.ORDERED_TO_PERFORM] * 3
    + [Outcome.DECLARED_VOID] * 1
    + [Outcome.MEDIATED] * 7
    + [Outcome.SETTLED_WITHDRAWN] * 11
    + [Outcome.UPHELD] * 36  # + 2 carried in = 38
    + [Outcome.CLAIM_DISMISSED] * 2
    + [Outcome.APPLICATION_DISMISSED] * 1
    + [Outcome.WITHDRAWN] * 2
)
OPEN_AT_YEAR_END = 13  # accepted in 2024, still open on 2024-12-31
REJECTIONS = [
    ("late", [AcceptanceCondition.IN_TIME], "申请超过法定申请期限，且无正当理由。", ""),
    ("late", [AcceptanceCondition.IN_TIME], "申请超过法定申请期限，且无正当理由。", ""),
    (
        "late",
        [AcceptanceCondition.IN_TIME],
        "申请超过法定申请期限，申请人所称耽误理由不属于不可抗力或其他正当理由。",
        "",
    ),
    (
        "scope",
        [AcceptanceCondition.SCOPE],
        "申请人对信访事项处理意见不服，不属于行政复议范围。",
        "",
    ),
    (
        "jurisdiction",
        [AcceptanceCondition.JURISDICTION],
        "被申请复议的行为系以衡阳市自然资源和规划局名义作出，不属于本机关管辖。",
        "衡阳市人民政府",
    ),
    (
        "duplicate",
        [AcceptanceCondition.NOT_DUPLICATE],
        "申请人已就同一行政行为提起行政诉讼，人民法院已经受理。",
        "",
    ),
]


@dataclass
class Ctx:
    rng: random.Random
    officer: User
    head: User
    units: dict[str, Unit]
    cal: object
    serial: int = 0

    def wd(self, d: date, n: int) -> date:
        return self.cal.add_working_days(d, n)

    def workday_on_or_after(self, d: date) -> date:
        while self.cal.is_rest_day(d):
            d += timedelta(days=1)
        return d


def _person_id(rng: random.Random) -> str:
    from stdnum.cn import ric

    while True:
        birth = date(1955, 1, 1) + timedelta(days=rng.randrange(365 * 45))
        base = f"430408{birth:%Y%m%d}{rng.randrange(1000):03d}"
        number = base + ric.calc_check_digit(base + "0")
        try:
            ric.get_birth_date(number)
            return number
        except Exception:  # noqa: BLE001, S112 - retry on an impossible date
            continue


def _uscc(rng: random.Random) -> str:
    from stdnum.cn import uscc

    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91430408" + "".join(rng.choice(alphabet) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def applicant_data(ctx: Ctx) -> dict:
    rng = ctx.rng
    if rng.random() < 0.2:
        name = f"衡阳{rng.choice('鑫盛恒达顺利华兴宏远')}{rng.choice('源泰安丰')}{rng.choice(COMPANIES)}"
        return {
            "applicant_kind": ApplicantKind.ORGANISATION,
            "applicant_name": name,
            "applicant_id_type": IdType.USCC,
            "applicant_id_number": _uscc(rng),
            "applicant_representative": rng.choice(SURNAMES)
            + rng.choice(GIVEN)
            + rng.choice(GIVEN),
        }
    return {
        "applicant_kind": ApplicantKind.PERSON,
        "applicant_name": rng.choice(SURNAMES)
        + rng.choice(GIVEN)
        + (rng.choice(GIVEN) if rng.random() < 0.6 else ""),
        "applicant_id_type": IdType.RESIDENT_ID,
        "applicant_id_number": _person_id(rng),
    }


def _application(
    ctx: Ctx,
    received_on: date,
    *,
    respondent: str | None = None,
    act_type=None,
    late=False,
    amount=None,
) -> dict:
    rng = ctx.rng
    names = [
        n
        for n in RESPONDENTS
        if act_type is None or any(a[0] == act_type for a in RESPONDENTS[n][2])
    ]
    respondent = respondent or rng.choices(names, weights=[RESPONDENTS[n][0] for n in names])[0]
    _w, field, acts = RESPONDENTS[respondent]
    options = [a for a in acts if act_type is None or a[0] == act_type] or [
        (act_type, "行政行为", None)
    ]
    kind, text, base_amount = rng.choice(options)
    value = (
        amount
        if amount is not None
        else (round(base_amount * rng.uniform(0.5, 3), -1) if base_amount else None)
    )
    known = received_on - timedelta(days=rng.randrange(75, 140) if late else rng.randrange(3, 45))
    act_date = known - timedelta(days=rng.randrange(0, 4))
    ctx.serial += 1
    doc = f"{respondent[:2]}{'罚' if kind == ActType.PENALTY else '决'}〔{act_date.year}〕{rng.randrange(1, 300)}号"
    channel = rng.choices([Channel.WRITTEN, Channel.ONLINE, Channel.ORAL], weights=[70, 25, 5])[0]
    data = {
        **applicant_data(ctx),
        "applicant_phone": f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}",
        "applicant_address": f"衡阳市蒸湘区{rng.choice(['蒸湘街道', '红湘街道', '呈祥街道', '联合街道', '雨母山镇'])}{rng.randrange(1, 200)}号",
        "respondent_unit": ctx.units[respondent],
        "act_type": kind,
        "act_description": text.format(n=rng.randrange(3, 11), a=int(value or 0)),
        "act_document_number": doc if kind not in (ActType.NON_PERFORMANCE,) else "",
        "act_date": act_date,
        "field": field,
        "act_amount": value,
        "act_on_the_spot": kind == ActType.PENALTY and value is not None and value <= 200,
        "request": "请求撤销该行政行为"
        if kind != ActType.NON_PERFORMANCE
        else "请求责令被申请人依法履行法定职责",
        "facts": "申请人认为被申请人认定事实不清、证据不足。",
        "reasons": "被申请人程序违法，适用依据错误。",
        "channel": channel,
        "received_on": received_on,
        "known_on": known,
        "is_real_estate": kind in (ActType.EXPROPRIATION, ActType.CONFIRMATION),
    }
    if channel == Channel.ORAL:
        data["oral_recorded_at"] = timezone.make_aware(
            timezone.datetime(received_on.year, received_on.month, received_on.day, 10, 0)
        )
        data["oral_confirmed"] = True
    return data


def _received_dates(ctx: Ctx, count: int, start: date, end: date) -> list[date]:
    weights = {1: 8, 2: 5, 3: 9, 4: 9, 5: 9, 6: 9, 7: 8, 8: 8, 9: 9, 10: 6, 11: 9, 12: 8}
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    days = [d for d in days if not ctx.cal.is_rest_day(d)]
    picked = ctx.rng.choices(days, weights=[weights[d.month] for d in days], k=count)
    return sorted(picked)


def _decide(ctx: Ctx, case, outcome: str, on: date, *, meeting: str = "") -> ReconsiderationCase:
    officer = ctx.officer
    grounds = {
        Outcome.UPHELD: "被申请人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。",
        Outcome.CLAIM_DISMISSED: "被申请人在受理前已经履行法定职责。",
        Outcome.APPLICATION_DISMISSED: "受理后发现申请人与被申请复议的行政行为没有利害关系。",
        Outcome.REVOKED: "被申请人作出的行政行为主要事实不清、证据不足。",
        Outcome.PARTLY_REVOKED: "被申请人作出的行政行为部分事实不清。",
        Outcome.DECLARED_UNLAWFUL: "被申请人的行政行为程序违法，但撤销会给社会公共利益造成重大损害。",
        Outcome.VARIED: "被申请人作出的行政行为事实清楚、程序合法，但罚款数额明显不当。",
        Outcome.ORDERED_TO_PERFORM: "被申请人未依法履行法定职责。",
        Outcome.DECLARED_VOID: "被申请人作出的行政行为没有依据，属重大且明显违法。",
    }.get(outcome, "")
    case = services.case_propose_decision(
        actor=officer,
        case=case,
        outcome=outcome,
        on=on - timedelta(days=3),
        grounds=grounds,
        order_redo=outcome == Outcome.REVOKED and ctx.rng.random() < 0.5,
        unlawful_ground="public_interest" if outcome == Outcome.DECLARED_UNLAWFUL else "",
    )
    if meeting:
        case = services.case_approve_decision(
            actor=officer, case=case, kind="collective", on=on - timedelta(days=1), meeting=meeting
        )
    else:
        case = services.case_approve_decision(
            actor=officer,
            case=case,
            kind="head",
            on=on - timedelta(days=1),
            approver_name=APPROVER[0],
            approver_title=APPROVER[1],
        )
    case = services.case_issue_decision(actor=officer, case=case, on=on)
    case = services.case_record_service(
        actor=officer,
        case=case,
        on=on + timedelta(days=ctx.rng.randrange(1, 5)),
        publish=outcome in (Outcome.REVOKED, Outcome.DECLARED_UNLAWFUL),
    )
    name = case.respondent_unit.name
    if case.copy_report_required and outcome not in (
        Outcome.MEDIATED,
        Outcome.SETTLED_WITHDRAWN,
        Outcome.WITHDRAWN,
    ):
        to = SUPERIOR.get(name, name.replace("蒸湘区", "衡阳市"))
        case = services.case_record_copy_report(
            actor=officer, case=case, on=case.served_on + timedelta(days=2), to=to
        )
    return case


def _accept_and_review(
    ctx: Ctx, case, *, simple=False, deemed=False, correction=False, reply_missed=False, major=False
):
    """Intake to the end of the exchange of pleadings; returns the case and the earliest decision day."""
    officer, rng = ctx.officer, ctx.rng
    r = case.received_on
    if correction:
        notice = ctx.wd(r, 2)
        case = services.case_request_correction(
            actor=officer,
            case=case,
            on=notice,
            items="请补充提交被申请复议的行政行为的文书复印件及申请人身份证明。",
            notice_received_on=ctx.wd(notice, 1),
        )
        case = services.case_receive_correction(
            actor=officer, case=case, on=ctx.wd(notice, rng.randrange(3, 8))
        )
        r = case.correction_materials_received_on
    if deemed:
        case = services.case_deem_accepted(
            case=case, today=case.acceptance_due_on + timedelta(days=1)
        )
    else:
        procedure = (
            Procedure.SIMPLE if simple and case.simple_procedure_grounds else Procedure.NORMAL
        )
        case = services.case_accept(
            actor=officer, case=case, on=ctx.wd(r, rng.randrange(1, 5)), procedure=procedure
        )
    a = case.accepted_on
    sent = ctx.wd(a, rng.randrange(1, 3 if case.procedure == Procedure.SIMPLE else 6))
    case = services.case_send_copy(
        actor=officer, case=case, sent_on=sent, received_on=ctx.wd(sent, 1)
    )
    if reply_missed:
        case = services.case_flag_reply_missed(
            case=case, today=case.reply_due_on + timedelta(days=1)
        )
        last = case.reply_due_on + timedelta(days=1)
    else:
        limit = 4 if case.procedure == Procedure.SIMPLE else 9
        last = ctx.wd(case.copy_received_on, rng.randrange(2, limit))
        case = services.case_record_reply(actor=officer, case=case, on=last)
    if case.procedure == Procedure.NORMAL:
        if major:
            notice = last + timedelta(days=1)
            held = ctx.wd(notice, 6)
            services.case_record_hearing(
                actor=officer,
                case=case,
                kind=HearingKind.HEARING,
                method="in_person",
                held_on=held,
                notice_sent_on=notice,
                place="区司法局听证室",
                chair="陈刚",
                hearing_officers=["黄敏", "周律师"],
                clerk="李晓",
                respondent_head_attended=True,
                views="双方围绕事实认定和法律适用进行了陈述和质证。",
            )
            case.refresh_from_db()
            case = services.case_record_committee_opinion(
                actor=officer,
                case=case,
                on=held + timedelta(days=3),
                opinion="委员会多数意见认为应当作出纠错决定。",
            )
            last = held + timedelta(days=3)
        else:
            held = last + timedelta(days=rng.randrange(1, 6))
            services.case_record_hearing(
                actor=officer,
                case=case,
                kind=HearingKind.VIEWS,
                method=rng.choice(["in_person", "phone", "online"]),
                held_on=held,
                views="申请人坚持复议请求，被申请人坚持答复意见。",
            )
            case.refresh_from_db()
            last = held
    return case, last


def _closed_case(
    ctx: Ctx, received_on: date, outcome: str, *, late=False, suspend=None, extend=False, **kw
):
    rng, officer = ctx.rng, ctx.officer
    act_type = (
        ActType.NON_PERFORMANCE
        if outcome in (Outcome.CLAIM_DISMISSED, Outcome.ORDERED_TO_PERFORM)
        else None
    )
    simple = kw.pop("simple", False) and act_type is None
    not_before = kw.pop("not_before", None)
    amount = None
    if simple:
        act_type = rng.choice([ActType.PENALTY, ActType.PENALTY, ActType.INFORMATION_DISCLOSURE])
        amount = rng.choice([200, 500, 1000, 2000]) if act_type == ActType.PENALTY else None
    data = _application(ctx, received_on, act_type=act_type, amount=amount)
    case = services.case_register(actor=officer, **data)
    case, last = _accept_and_review(ctx, case, simple=simple, **kw)
    if suspend:
        ground, days = suspend
        start = last + timedelta(days=2)
        case = services.case_suspend(
            actor=officer, case=case, on=start, ground=ground, notice_sent_on=start
        )
        case = services.case_resume(
            actor=officer,
            case=case,
            on=start + timedelta(days=days),
            notice_sent_on=start + timedelta(days=days),
        )
        last = start + timedelta(days=days)
    if extend:
        case = services.case_extend(
            actor=officer,
            case=case,
            days=rng.choice([15, 20, 30]),
            approver=ctx.head,
            on=case.decision_due_on - timedelta(days=5),
            reason="案情复杂，需要调取补充证据",
        )
    if outcome == Outcome.MEDIATED:
        signed = last + timedelta(days=rng.randrange(3, 12))
        case = services.case_record_mediation(
            actor=officer, case=case, signed_on=signed, sealed_on=signed + timedelta(days=1)
        )
        last = signed + timedelta(days=1)
    elif outcome == Outcome.SETTLED_WITHDRAWN:
        reached = last + timedelta(days=rng.randrange(3, 12))
        case = services.case_record_settlement(
            actor=officer,
            case=case,
            reached_on=reached,
            withdrawal_approved_on=reached + timedelta(days=1),
        )
        last = reached + timedelta(days=1)
    elif outcome == Outcome.WITHDRAWN:
        case = services.case_approve_withdrawal(
            actor=officer, case=case, on=last + timedelta(days=3)
        )
        last = last + timedelta(days=3)
    due = case.decision_due_on
    if late:
        day = due + timedelta(days=rng.randrange(3, 12))
    else:
        earliest = last + timedelta(days=4)
        day = (
            earliest
            if earliest >= due
            else earliest + timedelta(days=rng.randrange(0, max(1, (due - earliest).days)))
        )
    if not_before is not None:
        day = max(day, not_before)
    day = ctx.workday_on_or_after(day)
    if not late and day > due:
        day = due
        while ctx.cal.is_rest_day(day):
            day -= timedelta(days=1)
    meeting = f"区人民政府第{rng.randrange(20, 40)}次常务会议" if kw.get("major") else ""
    return _decide(ctx, case, outcome, day, meeting=meeting)


def _users(context: dict, justice: Unit) -> tuple[User, User]:
    officer = User.objects.get(username="recon")
    username, full_name, title = OFFICE_HEAD
    head = demo_account(
        context, username, unit=justice, full_name=full_name, roles=[Role.UNIT_HEAD], title=title
    )
    return officer, head


def _unit_index() -> dict[str, Unit]:
    district = Division.objects.get(code=DISTRICT_CODE)
    return {u.name: u for u in Unit.objects.in_subtree(district)}


def justice_bureau(units: dict[str, Unit]) -> Unit:
    """The reconsideration office of the demo district (its justice bureau)."""
    return next(u for u in units.values() if u.is_justice_bureau)


@demo_step(order=ORDER_REGISTER + 1)
def load_reconsideration(context: dict) -> str:
    """Create the 2024 caseload once (idempotent: skipped when the 2024 cases exist). The
    random generator goes on to the lawsuits' step in `context`, so the demo stays the same."""
    units = _unit_index()
    justice = justice_bureau(units)
    officer, head = _users(context, justice)
    rng = random.Random(RNG_SEED)  # noqa: S311 - reproducible demo data, not security
    context["reconsideration_demo"] = ctx = Ctx(
        rng=rng, officer=officer, head=head, units=units, cal=load_calendar()
    )
    if ReconsiderationCase.objects.filter(unit=justice, case_year=YEAR).exists():
        return _summary(justice)
    with transaction.atomic():
        # 2023's earlier cases were registered on paper: the platform's 2023 numbers continue at 94.
        CaseNumberCounter.objects.get_or_create(
            unit=justice,
            year=YEAR - 1,
            defaults={"pattern": default_pattern(), "last_number": 93},
        )
        _load_cases(ctx)
    return _summary(justice)


def _load_cases(ctx: Ctx) -> None:
    """Plan every case first, then create them in order of receipt so that 案号 follow receipt."""
    rng = ctx.rng
    plans: list[tuple[date, int, object]] = []
    # Carried in from 2023: accepted in December 2023, decided in January 2024.
    for received in (date(2023, 11, 27), date(2023, 12, 6)):
        plans.append(
            (
                received,
                len(plans),
                lambda r: _closed_case(ctx, r, Outcome.UPHELD, not_before=date(2024, 1, 3)),
            )
        )
    closed = list(CLOSED_2024)
    rng.shuffle(closed)
    received_dates = _received_dates(ctx, len(closed), date(2024, 1, 3), date(2024, 10, 18))
    early = range(int(len(closed) * 0.8))  # long or late cases still close within 2024
    special = {
        "late": set(rng.sample(early, 3)),
        "suspend": set(rng.sample(early, 4)),
        "extend": set(rng.sample(early, 5)),
        "deemed": set(rng.sample(range(len(closed)), 2)),
        "correction": set(rng.sample(range(len(closed)), 4)),
        "simple": set(rng.sample(range(len(closed)), 8)),
        "major": set(rng.sample(range(len(closed)), 2)),
    }
    missed = False
    for index, outcome in enumerate(closed):
        kwargs = {
            "late": index in special["late"],
            "extend": index in special["extend"] and index not in special["late"],
            "deemed": index in special["deemed"],
            "correction": index in special["correction"] and index not in special["deemed"],
            "simple": index in special["simple"]
            and outcome not in (Outcome.MEDIATED, Outcome.SETTLED_WITHDRAWN),
            "major": index in special["major"]
            and outcome in (Outcome.REVOKED, Outcome.DECLARED_UNLAWFUL, Outcome.UPHELD),
        }
        if kwargs["simple"]:
            kwargs["extend"] = kwargs["major"] = False
        if outcome in (Outcome.MEDIATED, Outcome.SETTLED_WITHDRAWN):
            mediate = rng.random() < 0.5 and index in early
            kwargs["suspend"] = (
                (SuspensionGround.MEDIATION, rng.randrange(10, 25)) if mediate else None
            )
        elif index in special["suspend"]:
            kwargs["suspend"] = (SuspensionGround.OTHER_CASE, rng.randrange(15, 40))
        if outcome == Outcome.REVOKED and not missed and not kwargs["simple"]:
            kwargs["reply_missed"] = missed = True
        letter = outcome in (Outcome.REVOKED, Outcome.DECLARED_UNLAWFUL) and rng.random() < 0.25
        plans.append(
            (
                received_dates[index],
                len(plans),
                lambda r, o=outcome, k=kwargs, letter=letter: _with_letter(
                    ctx, _closed_case(ctx, r, o, **k), letter
                ),
            )
        )
    for index, received in enumerate(
        _received_dates(ctx, OPEN_AT_YEAR_END, date(2024, 11, 4), date(2024, 12, 13))
    ):
        plans.append((received, len(plans), lambda r, i=index: _open_case(ctx, r, i)))
    intake_dates = _received_dates(ctx, len(REJECTIONS) + 2, date(2024, 1, 15), date(2024, 11, 29))
    for spec, received in zip(REJECTIONS, intake_dates, strict=False):
        plans.append((received, len(plans), lambda r, spec=spec: _rejected_case(ctx, r, spec)))
    plans.append((intake_dates[-2], len(plans), lambda r: _abandoned_case(ctx, r)))
    plans.append((intake_dates[-1], len(plans), lambda r: _forwarded_case(ctx, r)))
    for received, _order, make in sorted(plans, key=lambda p: (p[0], p[1])):
        make(received)


def _with_letter(ctx: Ctx, case, letter: bool):
    """F26: a 意见书 to the respondent after some correcting decisions; most report back in time."""
    if not letter:
        return case
    letter = services.opinion_letter_issue(
        actor=ctx.officer,
        case=case,
        recipient_unit=case.respondent_unit,
        content="办案中发现执法文书送达、证据固定不规范，建议开展专项整改。",
        issued_on=case.closed_on,
        received_on=case.closed_on + timedelta(days=2),
    )
    if ctx.rng.random() < 0.7:
        services.opinion_letter_record_reply(
            actor=ctx.officer,
            letter=letter,
            on=letter.received_on + timedelta(days=ctx.rng.randrange(20, 55)),
            summary="已组织执法人员培训，修订文书送达流程。",
        )
    return case


def _open_case(ctx: Ctx, received: date, index: int):
    """One of 13 cases accepted in November-December 2024 and still open at the year's end:
    three suspended, two left open past the period, the others decided in 2025 (one late)."""
    rng, officer = ctx.rng, ctx.officer
    case = services.case_register(actor=officer, **_application(ctx, received))
    case, last = _accept_and_review(ctx, case)
    if index < 3:
        ground = [
            SuspensionGround.OTHER_CASE,
            SuspensionGround.INTERPRETATION,
            SuspensionGround.APPLICANT_DIED,
        ][index]
        detail = "等待有关机关答复" if index < 2 else "申请人死亡，其近亲属尚未确定是否参加"
        start = max(last + timedelta(days=2), date(2024, 12, 16))
        return services.case_suspend(
            actor=officer, case=case, on=start, ground=ground, notice_sent_on=start, detail=detail
        )
    if index in (3, 4):
        return case  # left open: overdue since early 2025
    outcome = rng.choice(
        [Outcome.UPHELD, Outcome.UPHELD, Outcome.REVOKED, Outcome.UPHELD, Outcome.DECLARED_UNLAWFUL]
    )
    due = case.decision_due_on
    if index == 5:
        day = ctx.workday_on_or_after(due + timedelta(days=6))  # decided late
    else:
        day = max(
            last + timedelta(days=4), date(2025, 1, 6), due - timedelta(days=rng.randrange(3, 20))
        )
        day = ctx.workday_on_or_after(day)
        while day > due or ctx.cal.is_rest_day(day):
            day -= timedelta(days=1)
    return _decide(ctx, case, outcome, day)


def _rejected_case(ctx: Ctx, received: date, spec):
    kind, unmet, reason, organ = spec
    respondent = "衡阳市自然资源和规划局蒸湘分局" if kind == "jurisdiction" else None
    case = services.case_register(
        actor=ctx.officer, **_application(ctx, received, late=kind == "late", respondent=respondent)
    )
    return services.case_reject(
        actor=ctx.officer,
        case=case,
        on=ctx.wd(received, ctx.rng.randrange(1, 5)),
        unmet_conditions=unmet,
        reason=reason,
        competent_organ=organ,
    )


def _abandoned_case(ctx: Ctx, received: date):
    case = services.case_register(actor=ctx.officer, **_application(ctx, received))
    notice = ctx.wd(received, 2)
    case = services.case_request_correction(
        actor=ctx.officer,
        case=case,
        on=notice,
        items="请提交被申请复议的行政行为的文书及申请人身份证明。",
        notice_received_on=ctx.wd(notice, 1),
    )
    return services.case_deem_abandoned(
        actor=ctx.officer, case=case, on=case.correction_due_on + timedelta(days=1)
    )


def _forwarded_case(ctx: Ctx, received: date):
    case = services.case_register(actor=ctx.officer, **_application(ctx, received))
    return services.case_forward(
        actor=ctx.officer,
        case=case,
        on=ctx.wd(received, 2),
        forwarded_to="国家税务总局衡阳市税务局（垂直管理机关的上一级主管部门）",
        reason="对税务机关的行政行为不服，应当向上一级主管部门申请行政复议（《行政复议法》第二十七条）。",
    )


# --- lawsuits ---------------------------------------------------------------------------------


def _summary(justice: Unit) -> str:
    division = justice.division
    codes = [
        "reconsideration.received",
        "reconsideration.accepted",
        "reconsideration.closed",
        "reconsideration.corrected",
        "reconsideration.mediated_or_settled",
        "reconsideration.upheld_rate",
    ]
    values = indicator_values(codes, division_or_unit=division, year=YEAR)
    upheld = values["reconsideration.upheld_rate"]
    variants = "，".join(f"{v.variant_label} {v.display}" for v in upheld.variants)
    stated = check_stated("reconsideration.upheld_rate", 75, division_or_unit=division, year=YEAR)
    return (
        f"行政复议 {YEAR}：新收 {values['reconsideration.received'].display}、受理 {values['reconsideration.accepted'].display}、"
        f"办结 {values['reconsideration.closed'].display}、纠错 {values['reconsideration.corrected'].display}、"
        f"调解和解 {values['reconsideration.mediated_or_settled'].display}；维持率：{variants}"
        f"（报告所载75%：{'与各口径均不一致' if stated else '与某一口径一致'}）"
    )
