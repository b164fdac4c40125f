"""Demo step: the decision-making chain of the demo district in 2024 (seed 一(三), 一(五), 二(三)).

The seed's figures come out of these registers, computed by the indicators:
20 executive meetings; 123 matters discussed (the seed's "120余"); 412 government documents
reviewed ("400余"); 55 minutes; 25 contracts; 23 department documents ("20余"); 1 normative
document filed; one fair-competition cleanup and one cleanup of documents the State Council
declared invalid; the even-year cleanup with 6 declared invalid, 16 remaining valid, 1 repealed;
54 village (community) advisor contracts renewed. The seed's problems are in the data too: two
departments without a decision catalog and one whose catalog is not published, one department
without a legal advisor, and a decision it took without an advisor's opinion.

ILLUSTRATIVE: every title, date, person, law firm and amount below is made up; only the counts
come from the seed. The six major decisions and the 2024 normative document run the full
statutory path through the services; the routine ledger (reviews of documents, contracts,
minutes; ordinary agenda matters) is written in bulk as the records a year of work leaves.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from fazhi.advisors.imports import contract_import
from fazhi.advisors.models import (
    AdvisorContract,
    AdvisorKind,
    LegalAdvisor,
    ServiceKind,
    ServiceLog,
)
from fazhi.advisors.services import advisor_register
from fazhi.core.models import Unit, UnitKind
from fazhi.deadlines.calendar import load_calendar
from fazhi.deadlines.services import compute_due
from fazhi.decisions import conf as decisions_conf
from fazhi.decisions.imports import catalog_items_import, decision_import
from fazhi.decisions.models import CatalogState, DecisionCatalog, DecisionCategory, StepKind
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
from fazhi.demo.structure import GOVERNMENT, JUSTICE_BUREAU
from fazhi.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    AgendaOutcome,
    Meeting,
    MeetingKind,
    Minutes,
)
from fazhi.meetings.services import meeting_create
from fazhi.normdocs.models import (
    CleanupKind,
    CleanupOutcome,
    DocState,
    IssuerKind,
    NormativeDocument,
)
from fazhi.normdocs.services import (
    ENTRY_INTO_FORCE_RULE,
    cleanup_complete,
    cleanup_publish,
    cleanup_set_outcome,
    cleanup_start,
    normdoc_discuss,
    normdoc_draft,
    normdoc_file,
    normdoc_open_consultation,
    normdoc_publish,
    normdoc_submit_for_review,
)
from fazhi.review.models import Outcome, ReviewRequest, ReviewState, SubjectType
from fazhi.review.services import (
    advisor_opinion_record,
    review_decide,
    review_request_advisor_opinion,
)

YEAR = 2024
EXECUTIVE_MEETINGS = 20
ITEMS_DISCUSSED = 123  # ILLUSTRATIVE exact value behind the seed's "120余"
DOCUMENTS_REVIEWED = 412  # ILLUSTRATIVE exact value behind "400余"
MINUTES_REVIEWED = 55
CONTRACTS_REVIEWED = 25
DEPARTMENT_DOCUMENTS_REVIEWED = 23  # ILLUSTRATIVE exact value behind "20余"
VILLAGE_CONTRACTS = 54

NO_CATALOG = ("蒸湘区退役军人事务局", "蒸湘区统计局")
UNPUBLISHED_CATALOG = ("蒸湘区医疗保障局",)
NO_ADVISOR = ("蒸湘区退役军人事务局",)
GOVERNMENT_OFFICE = "蒸湘区人民政府办公室"
THREE_PARTS = {
    "authority_ok": True,
    "authority_opinion": "制定主体适格，未超越法定权限。",
    "procedure_ok": True,
    "procedure_opinion": "已按规定履行公众参与、专家论证、风险评估等程序。",
    "content_ok": True,
    "content_opinion": "内容符合法律、法规、规章和国家政策规定。",
}

ADVISORS = [
    # name, kind, organisation, licence number
    ("周律师", AdvisorKind.LAWYER, "湖南蒸湘律师事务所", "14304201510000001"),
    ("刘明", AdvisorKind.LAWYER, "湖南蒸湘律师事务所", "14304201610000002"),
    ("陈静", AdvisorKind.LAWYER, "湖南雁城律师事务所", "14304201710000003"),
    ("黄志强", AdvisorKind.LAWYER, "湖南雁城律师事务所", "14304201210000004"),
    ("李娟", AdvisorKind.LAWYER, "湖南衡州律师事务所", "14304201810000005"),
    ("王涛", AdvisorKind.LAWYER, "湖南衡州律师事务所", "14304201910000006"),
    ("张伟", AdvisorKind.LAWYER, "湖南湘南律师事务所", "14304202010000007"),
    ("赵丽", AdvisorKind.LAWYER, "湖南湘南律师事务所", "14304201410000008"),
    ("孙浩", AdvisorKind.LAWYER, "湖南石鼓律师事务所", "14304201310000009"),
    ("吴芳", AdvisorKind.LAWYER, "湖南石鼓律师事务所", "14304202110000010"),
    ("郑洪", AdvisorKind.PUBLIC_SECTOR_LAWYER, "蒸湘区司法局", "24304202210000011"),
    ("钱敏", AdvisorKind.PUBLIC_SECTOR_LAWYER, "蒸湘区司法局", "24304202210000012"),
    ("冯教授", AdvisorKind.EXPERT, "南华大学法学院", ""),
]

# title, category, lead unit, technical, stability, market, meeting index (0-based)
MAJOR_DECISIONS = [
    ("蒸湘区老旧小区改造三年行动方案（2024—2026年）", DecisionCategory.PUBLIC_POLICY,
     "蒸湘区住房和城乡建设局", True, True, False, 3),
    ("蒸湘区国土空间分区规划（2021—2035年）", DecisionCategory.PLAN,
     "衡阳市自然资源和规划局蒸湘分局", True, False, False, 6),
    ("蒸湘区城区生活垃圾分类实施方案", DecisionCategory.PUBLIC_POLICY,
     "蒸湘区城市管理和综合执法局", False, False, False, 9),
    ("蒸湘区农村人居环境整治提升五年行动方案", DecisionCategory.RESOURCES,
     "蒸湘区农业农村局", False, False, False, 11),
    ("雨母山片区基础设施建设项目", DecisionCategory.CONSTRUCTION,
     "蒸湘区发展和改革局", True, True, False, 14),
    ("蒸湘区促进民营经济高质量发展若干措施", DecisionCategory.PUBLIC_POLICY,
     "蒸湘区商务局", False, False, True, 17),
]  # fmt: skip
NORMDOC_MEETING = 7

# Normative documents in force before 2024 (the even-year cleanup scope, 23 documents):
# title, issuing unit, year published, outcome, reason
HISTORIC_DOCUMENTS = [
    ("蒸湘区城市建筑垃圾管理办法", GOVERNMENT, 2016, CleanupOutcome.DECLARE_INVALID, "已被《衡阳市建筑垃圾管理条例》替代"),
    ("蒸湘区农村村民建房管理暂行办法", GOVERNMENT, 2017, CleanupOutcome.DECLARE_INVALID, "调整对象已发生变化"),
    ("蒸湘区征地拆迁补偿安置办法", GOVERNMENT, 2015, CleanupOutcome.REPEAL, "与新修订的《土地管理法》不一致"),
    ("蒸湘区城区临时占道经营管理办法", "蒸湘区城市管理和综合执法局", 2018, CleanupOutcome.DECLARE_INVALID, "适用期已过"),
    ("蒸湘区就业见习管理暂行办法", "蒸湘区人力资源和社会保障局", 2017, CleanupOutcome.DECLARE_INVALID, "已被省级政策替代"),
    ("蒸湘区农村危房改造补助资金管理办法", "蒸湘区住房和城乡建设局", 2016, CleanupOutcome.DECLARE_INVALID, "专项工作已结束"),
    ("蒸湘区城乡居民最低生活保障实施细则", "蒸湘区民政局", 2019, CleanupOutcome.DECLARE_INVALID, "上位文件已修订"),
    ("蒸湘区政府投资项目管理办法", GOVERNMENT, 2019, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区行政规范性文件管理办法", GOVERNMENT, 2020, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区重大行政决策程序规定", GOVERNMENT, 2020, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区政府合同管理办法", GOVERNMENT, 2021, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区招商引资优惠政策实施办法", GOVERNMENT, 2021, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区小微企业创业补贴办法", "蒸湘区人力资源和社会保障局", 2021, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区职业技能培训补贴管理办法", "蒸湘区人力资源和社会保障局", 2022, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区城市道路挖掘管理办法", "蒸湘区城市管理和综合执法局", 2020, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区物业服务管理办法", "蒸湘区住房和城乡建设局", 2022, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区农村集体资产管理办法", "蒸湘区农业农村局", 2021, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区政府采购内部控制管理办法", "蒸湘区财政局", 2022, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区困难群众临时救助实施办法", "蒸湘区民政局", 2022, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区安全生产举报奖励办法", "蒸湘区应急管理局", 2023, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区医疗救助实施细则", "蒸湘区医疗保障局", 2023, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区文化市场综合执法工作规范", "蒸湘区文化旅游广电体育局", 2023, CleanupOutcome.REMAINS_VALID, ""),
    ("蒸湘区校外培训机构管理办法", "蒸湘区教育局", 2023, CleanupOutcome.REMAINS_VALID, ""),
]  # fmt: skip
FAIR_COMPETITION_SCOPE = (
    "蒸湘区招商引资优惠政策实施办法",
    "蒸湘区小微企业创业补贴办法",
    "蒸湘区政府采购内部控制管理办法",
    "蒸湘区政府投资项目管理办法",
)
UPSTREAM_SCOPE = ("蒸湘区政府合同管理办法", "蒸湘区物业服务管理办法")

MATTERS = [
    "研究{place}{project}有关事项",
    "审议{place}{project}实施方案",
    "听取{place}{project}推进情况汇报",
    "研究{project}资金安排事宜",
]
PLACES = [
    "",
    "蒸湘街道",
    "红湘街道",
    "呈祥街道",
    "联合街道",
    "雨母山镇",
    "城西片区",
    "蒸湘北路沿线",
]
PROJECTS = [
    "城市更新项目",
    "农贸市场提质改造",
    "中小学校舍建设",
    "污水管网改造",
    "背街小巷整治",
    "保障性租赁住房建设",
    "重点企业纾困",
    "招商引资项目",
    "防汛抗旱工作",
    "森林防火工作",
    "安全生产专项整治",
    "政务服务中心提质改造",
    "一网通办建设",
    "社区嵌入式服务设施建设",
    "耕地保护",
    "城区停车设施建设",
]
STUDY_TOPICS = [
    "习近平法治思想",
    "党的二十届三中全会精神",
    "习近平总书记关于法治政府建设的重要论述",
    "《中华人民共和国行政复议法》",
    "习近平总书记考察湖南重要讲话精神",
]
COUNTERPARTIES = [
    "湖南某建设工程有限公司",
    "衡阳某物业服务有限公司",
    "湖南某信息技术有限公司",
    "衡阳某环卫服务有限公司",
    "湖南某规划设计研究院",
]
PEOPLE = "区长主持，副区长、区政府办主任及有关部门负责人出席"


class Demo:
    """The context of the step: units by name, the acting users, a calendar, a seeded RNG."""

    def __init__(self, context: dict):
        self.units: dict[str, Unit] = context["units"]
        self.users = {user.username: user for user in context["users"]}
        self.office = self.users["office"]
        self.government = self.units[GOVERNMENT]
        self.justice = self.units[JUSTICE_BUREAU]
        self.rng = random.Random(YEAR)  # noqa: S311 - reproducible demo data, not security
        self.calendar = load_calendar()
        self.departments = sorted(
            (u for u in self.units.values() if u.kind == UnitKind.DEPARTMENT), key=lambda u: u.pk
        )
        self.villages = sorted(
            (u for u in self.units.values() if u.kind in (UnitKind.VILLAGE, UnitKind.COMMUNITY)),
            key=lambda u: u.pk,
        )

    def unit(self, name: str) -> Unit:
        return self.units[name]

    def workday(self, day: date, forward: bool = True) -> date:
        step = timedelta(days=1 if forward else -1)
        while self.calendar.is_rest_day(day):
            day += step
        return day

    def workdays(self, start: date, end: date, count: int) -> list[date]:
        span = (end - start).days
        days = [
            self.workday(start + timedelta(days=self.rng.randrange(span + 1))) for _ in range(count)
        ]
        return sorted(day if day <= end else self.workday(end, forward=False) for day in days)


def load_decision_chain(context: dict) -> str:
    demo = Demo(context)
    if Meeting.objects.filter(
        unit=demo.government, kind=MeetingKind.EXECUTIVE, held_on__year=YEAR
    ).exists():
        return "依法决策（2024年）：已载入，未重复生成"
    advisors = _advisors(demo)
    _contracts(demo)
    meetings = _meetings(demo, advisors)
    catalog = _government_catalog(demo)
    _major_decisions(demo, meetings, catalog, advisors[0])
    _normative_document_2024(demo, meetings[NORMDOC_MEETING])
    _ordinary_matters(demo, meetings)
    _minutes(demo, meetings)
    _ledger_reviews(demo)
    _historic_documents_and_cleanups(demo)
    _department_catalogs(demo)
    _decision_without_advisor(demo)
    return (
        f"依法决策（2024年）：常务会议 {EXECUTIVE_MEETINGS} 次、研究事项 {ITEMS_DISCUSSED} 项、"
        f"合法性审查 {ReviewRequest.objects.filter(year__gte=YEAR - 1).count()} 件、"
        f"规范性文件 {NormativeDocument.objects.count()} 件、"
        f"法律顾问合同 {AdvisorContract.objects.count()} 份"
    )


# ---- legal advisors ---------------------------------------------------------------------------


def _advisors(demo: Demo) -> list[LegalAdvisor]:
    advisors = []
    for index, (name, kind, organisation, licence) in enumerate(ADVISORS):
        advisors.append(
            advisor_register(
                actor=demo.office,
                unit=demo.justice,
                name=name,
                kind=kind,
                organisation=organisation,
                licence_number=licence,
                phone=f"0734-82{index:05d}",
                user=demo.users.get("advisor") if name == "周律师" else None,
            )
        )
    return advisors


def _contract_row(number, unit, advisor, signed, start, end, fee, scope, renewal):
    name, kind, organisation, licence = advisor
    return {
        "contract_number": number,
        "unit": unit.name,
        "advisor": name,
        "licence_number": licence,
        "kind": kind,
        "organisation": organisation,
        "signed_on": signed,
        "start_date": start,
        "end_date": end,
        "fee": Decimal(fee),
        "scope": scope,
        "renewal": renewal,
    }


def _contracts(demo: Demo) -> None:
    """Through the Excel import path: the government, 29 departments, 54 villages (renewed)."""
    lawyers = [a for a in ADVISORS if a[1] != AdvisorKind.EXPERT]
    rows = [
        _contract_row(
            "蒸政法顾〔2024〕1号",
            demo.government,
            ADVISORS[0],
            date(2024, 1, 3),
            date(2024, 1, 1),
            date(2026, 12, 31),
            "120000",
            "区政府常年法律顾问：重大行政决策、规范性文件、政府合同合法性审查，列席常务会议",
            True,
        )
    ]
    for index, department in enumerate(demo.departments):
        if department.name in NO_ADVISOR:
            continue
        rows.append(
            _contract_row(
                f"蒸法顾〔2024〕{index + 1:02d}号",
                department,
                lawyers[index % len(lawyers)],
                date(2024, 1, 8) + timedelta(days=index),
                date(2024, 1, 1),
                date(2026, 12, 31),
                "30000",
                "部门法律顾问：参与重大行政决策、合同审查、行政复议应诉",
                index % 3 != 0,
            )
        )
    village_lawyers = lawyers[1:10]
    for index, village in enumerate(demo.villages):
        rows.append(
            _contract_row(
                f"蒸村法顾〔2024〕{index + 1:02d}号",
                village,
                village_lawyers[index % len(village_lawyers)],
                date(2024, 1, 15) + timedelta(days=index // 6),
                date(2024, 1, 1),
                date(2026, 12, 31),
                "6000",
                "一村（社区）一法律顾问：法律咨询、矛盾纠纷化解、村规民约审查、普法宣传",
                True,
            )
        )
    for number, row in enumerate(rows, start=2):
        row["_row"] = number
    contract_import(actor=demo.office, rows=rows)


# ---- meetings and the major decisions -----------------------------------------------------------


def _meetings(demo: Demo, advisors) -> list[Meeting]:
    meetings = []
    for index in range(EXECUTIVE_MEETINGS):
        held_on = demo.workday(date(YEAR, 1, 9) + timedelta(days=int(index * 17.5)))
        meeting = meeting_create(
            actor=demo.office,
            unit=demo.government,
            kind=MeetingKind.EXECUTIVE,
            held_on=held_on,
            number=index + 1,
            chair="区长",
            attendees=PEOPLE,
            location="区政府常务会议室",
            advisors_present=[advisors[0]],
        )
        AgendaItem.objects.create(
            unit=demo.government,
            meeting=meeting,
            order=1,
            kind=AgendaItemKind.FIRST_AGENDA_STUDY,
            title=f"第一议题：学习{STUDY_TOPICS[index % len(STUDY_TOPICS)]}",
            outcome=AgendaOutcome.STUDIED,
        )
        ServiceLog.objects.create(
            unit=demo.government,
            advisor=advisors[0],
            served_on=held_on,
            kind=ServiceKind.MEETING,
            summary=f"列席{meeting}，就议题提出法律意见",
        )
        meetings.append(meeting)
    return meetings


def _government_catalog(demo: Demo) -> DecisionCatalog:
    catalog = catalog_create(
        actor=demo.office,
        unit=demo.government,
        year=YEAR,
        solicitation_started_on=date(YEAR - 1, 11, 10),
    )
    for title, category, lead, *_rest in MAJOR_DECISIONS:
        catalog_item_add(
            actor=demo.office,
            catalog=catalog,
            title=title,
            category=category,
            lead_unit=demo.unit(lead),
            planned_date=date(YEAR, 12, 31),
        )
    catalog_record_party_agreement(
        actor=demo.office,
        catalog=catalog,
        on=date(YEAR, 2, 26),
        reference="区委常委会2024年第4次会议",
    )
    catalog_publish(
        actor=demo.office,
        catalog=catalog,
        on=date(YEAR, 3, 1),
        url="http://www.zhengxiang.gov.cn/zwgk/zdxzjc/2024ml.html",
        on_portal=True,
    )
    return catalog


def _comment_end(start: date) -> date:
    """The later end of the public-comment period under the applicable rules (D5, D7)."""
    return max(compute_due(rule, start).due_date for rule in decisions_conf.public_comment_rules())


def _major_decisions(demo: Demo, meetings, catalog, advisor) -> None:
    items = {item.title: item for item in catalog.items.all()}
    for title, category, lead, technical, stability, market, index in MAJOR_DECISIONS:
        meeting = meetings[index]
        held = meeting.held_on
        decision = decision_initiate(
            actor=demo.office,
            unit=demo.government,
            title=title,
            category=category,
            lead_unit=demo.unit(lead),
            year=YEAR,
            catalog_item=items[title],
            description=f"{title}（草案）",
            is_technical=technical,
            affects_stability=stability,
            affects_market=market,
        )
        start = demo.workday(held - timedelta(days=95))
        decision_record_step(
            actor=demo.office,
            decision=decision,
            kind=StepKind.PUBLIC_PARTICIPATION,
            started_on=start,
            completed_on=_comment_end(start),
            evidence="在区政府门户网站公开征求意见，并召开座谈会听取群众代表意见。",
            evidence_url="http://www.zhengxiang.gov.cn/hdjl/yjzj/",
        )
        if technical:
            decision_record_step(
                actor=demo.office,
                decision=decision,
                kind=StepKind.EXPERT_REVIEW,
                completed_on=held - timedelta(days=45),
                evidence="专家论证会纪要及专家签名意见",
                participants="冯教授（南华大学）、规划、工程专业高级工程师各1名",
                conflict_declared=True,
            )
        if stability:
            decision_record_step(
                actor=demo.office,
                decision=decision,
                kind=StepKind.RISK_ASSESSMENT,
                completed_on=held - timedelta(days=42),
                evidence="社会稳定风险评估报告：风险等级低，已制定防范化解措施和应急预案。",
                risk_controllable=True,
            )
        if market:
            decision_record_step(
                actor=demo.office,
                decision=decision,
                kind=StepKind.FAIR_COMPETITION,
                completed_on=held - timedelta(days=40),
                evidence="公平竞争审查表：未发现排除、限制竞争的内容。",
            )
        submitted = demo.workday(held - timedelta(days=30))
        review = decision_submit_for_review(
            actor=demo.office,
            decision=decision,
            submitted_on=submitted,
            draft=f"{title}（送审稿）",
            legal_basis="《重大行政决策程序暂行条例》《湖南省行政程序规定》及相关法律法规",
            procedure_statement="已履行公众参与、专家论证、风险评估等程序，意见采纳情况见附件。",
        )
        opinion = review_request_advisor_opinion(
            actor=demo.office, review=review, advisor=advisor, requested_on=submitted
        )
        advisor_opinion_record(
            actor=advisor.user or demo.office,
            opinion=opinion,
            given_on=submitted + timedelta(days=5),
            text="该草案程序完备、内容合法，建议进一步明确实施保障措施后提交常务会议讨论。",
        )
        review_decide(
            actor=demo.office,
            review=review,
            outcome=Outcome.APPROVED_WITH_CHANGES,
            on=demo.workday(held - timedelta(days=14)),
            conclusion="建议第三部分补充资金保障条款后提交区政府常务会议讨论。",
            **THREE_PARTS,
        )
        decision.refresh_from_db()
        decision_discuss(
            actor=demo.office,
            decision=decision,
            meeting=meeting,
            outcome=AgendaOutcome.APPROVED_IN_PRINCIPLE if stability else AgendaOutcome.APPROVED,
            head_decision="原则同意，按会议意见修改完善后报区委常委会。",
        )
        decision.refresh_from_db()
        decision_report_to_party(
            actor=demo.office,
            decision=decision,
            on=demo.workday(held + timedelta(days=3)),
            reference="区委常委会会议审议",
        )
        decision.refresh_from_db()
        decision_publish(
            actor=demo.office,
            decision=decision,
            on=demo.workday(held + timedelta(days=12)),
            url="http://www.zhengxiang.gov.cn/zwgk/zdxzjc/",
        )


def _normative_document_2024(demo: Demo, meeting: Meeting) -> NormativeDocument:
    """A government normative document through the whole path; the year's one filing."""
    document = normdoc_draft(
        actor=demo.office,
        unit=demo.government,
        title="蒸湘区既有住宅加装电梯管理办法",
        body=(
            "第一条 为改善既有住宅居住条件，规范既有住宅加装电梯工作，根据有关法律法规，"
            "结合本区实际，制定本办法。\n"
            "第二条 本办法适用于本区行政区域内已建成投入使用、未设电梯的四层以上住宅。\n"
            "第三条 加装电梯应当遵循业主自愿、协商一致、保障安全、依法实施的原则。\n"
            "第四条 区住房和城乡建设局负责统筹协调，街道办事处负责组织协调和矛盾调处。"
        ),
        issuer_kind=IssuerKind.GOVERNMENT,
    )
    held = meeting.held_on
    start = demo.workday(held - timedelta(days=75))
    normdoc_open_consultation(actor=demo.office, document=document, start=start)
    consultation_end = compute_due("normdocs.public_consultation", start).due_date
    review = normdoc_submit_for_review(
        actor=demo.office,
        document=document,
        submitted_on=consultation_end,
        drafting_note="为解决老旧住宅居民出行难问题而制定。",
        legal_basis="《中华人民共和国民法典》《特种设备安全法》",
        consultation_end=consultation_end,
        consultation_summary="收到意见21条，采纳14条。",
    )
    review_decide(
        actor=demo.office,
        review=review,
        outcome=Outcome.APPROVED,
        on=demo.workday(consultation_end + timedelta(days=12)),
        n3_confirmed=True,
        **THREE_PARTS,
    )
    normdoc_discuss(actor=demo.office, document=document, meeting=meeting)
    published = demo.workday(held + timedelta(days=8))
    earliest = compute_due(ENTRY_INTO_FORCE_RULE, published).due_date
    effective = (earliest.replace(day=28) + timedelta(days=4)).replace(day=1)  # next 1st
    normdoc_publish(
        actor=demo.office,
        document=document,
        registration_number=f"ZXDR-{YEAR}-00001",
        document_number="蒸政发〔2024〕5号",
        published_on=published,
        effective_on=effective,
        valid_until=date(effective.year + 5, effective.month, 1) - timedelta(days=1),
        publication_url="http://www.zhengxiang.gov.cn/zwgk/gfxwj/2024/1.html",
    )
    normdoc_file(
        actor=demo.office,
        document=document,
        filed_on=demo.workday(published + timedelta(days=7)),
        filed_with="衡阳市人民政府",
        filing_reference="衡府备〔2024〕37号",
    )
    return document


def _ordinary_matters(demo: Demo, meetings) -> None:
    """The rest of the 123 matters discussed at the 20 meetings, as the agenda records them."""
    already = AgendaItem.objects.discussed().filter(meeting__in=meetings).count()
    remaining = ITEMS_DISCUSSED - already
    per_meeting = [remaining // len(meetings)] * len(meetings)
    for index in range(remaining - sum(per_meeting)):
        per_meeting[index] += 1
    rows = []
    for meeting, count in zip(meetings, per_meeting, strict=True):
        order = meeting.items.count()
        for _ in range(count):
            order += 1
            template = demo.rng.choice(MATTERS)
            title = template.format(
                place=demo.rng.choice(PLACES), project=demo.rng.choice(PROJECTS)
            )
            kind = demo.rng.choice([AgendaItemKind.MAJOR_PROJECT, AgendaItemKind.OTHER])
            if "资金" in title:
                kind = AgendaItemKind.OTHER
            rows.append(
                AgendaItem(
                    unit=demo.government,
                    meeting=meeting,
                    order=order,
                    kind=kind,
                    title=title,
                    presenting_unit=demo.rng.choice(demo.departments),
                    outcome=AgendaOutcome.DEFERRED
                    if demo.rng.random() < 0.05
                    else AgendaOutcome.APPROVED,
                )
            )
    AgendaItem.objects.bulk_create(rows)


# ---- the legality-review ledger ----------------------------------------------------------------


class Serials:
    def __init__(self, reviewer_unit):
        self.next: dict[int, int] = {}
        for year in (YEAR - 1, YEAR, YEAR + 1):
            last = ReviewRequest.objects.filter(reviewer_unit=reviewer_unit, year=year).count()
            self.next[year] = last + 1

    def take(self, year: int) -> int:
        serial = self.next[year]
        self.next[year] += 1
        return serial


def _outcome(rng) -> str:
    roll = rng.random()
    if roll < 0.78:
        return Outcome.APPROVED
    if roll < 0.97:
        return Outcome.APPROVED_WITH_CHANGES
    return Outcome.NOT_APPROVED


def _review(demo: Demo, serials, *, unit, subject_type, title, submitted, decided, **extra):
    outcome = _outcome(demo.rng)
    return ReviewRequest(
        unit=unit,
        reviewer_unit=demo.justice,
        year=submitted.year,
        serial=serials.take(submitted.year),
        subject_type=subject_type,
        title=title,
        submitted_on=submitted,
        submitted_by=demo.office,
        reviewer=demo.office,
        state=ReviewState.DECIDED,
        outcome=outcome,
        conclusion="" if outcome == Outcome.APPROVED else "建议修改后印发。",
        opinion_issued_on=decided,
        authority_ok=True,
        procedure_ok=True,
        content_ok=outcome != Outcome.NOT_APPROVED,
        authority_opinion="主体适格。",
        procedure_opinion="程序合法。",
        content_opinion="内容合法。"
        if outcome != Outcome.NOT_APPROVED
        else "部分内容缺乏法律依据。",
        **extra,
    )


def _minutes(demo: Demo, meetings) -> None:
    """55 minutes reviewed before issue: one per executive meeting and 35 of special meetings."""
    office_unit = demo.unit(GOVERNMENT_OFFICE)
    minutes = [
        Minutes(
            unit=office_unit,
            meeting=meeting,
            meeting_name=str(meeting),
            number=f"蒸政常纪〔{YEAR}〕{meeting.number}号",
            title=f"{meeting}纪要",
            issued_on=demo.workday(meeting.held_on + timedelta(days=4)),
            body=f"{meeting}研究了{meeting.items.count() - 1}个议题。",
        )
        for meeting in meetings
    ]
    for number, held in enumerate(
        demo.workdays(date(YEAR, 1, 15), date(YEAR, 12, 16), MINUTES_REVIEWED - len(meetings)),
        start=1,
    ):
        minutes.append(
            Minutes(
                unit=office_unit,
                meeting_name="区政府专题会议",
                number=f"蒸政专纪〔{YEAR}〕{number}号",
                title=f"关于{demo.rng.choice(PROJECTS)}的专题会议纪要",
                issued_on=demo.workday(held + timedelta(days=4)),
                body="会议研究了有关事项。",
            )
        )
    minutes = Minutes.objects.bulk_create(minutes)
    serials = Serials(demo.justice)
    content_type = ContentType.objects.get_for_model(Minutes)
    ReviewRequest.objects.bulk_create(
        _review(
            demo,
            serials,
            unit=office_unit,
            subject_type=SubjectType.MINUTES,
            title=item.title,
            submitted=demo.workday(item.issued_on - timedelta(days=3), forward=False),
            decided=demo.workday(item.issued_on - timedelta(days=1), forward=False),
            subject_ct=content_type,
            subject_id=item.pk,
        )
        for item in minutes
    )


def _ledger_reviews(demo: Demo) -> None:
    """Documents of the government and its office, contracts, department legal documents."""
    serials = Serials(demo.justice)
    office_unit = demo.unit(GOVERNMENT_OFFICE)
    rows = []
    # two submitted at the end of 2023 and decided in January 2024; three submitted at the end of
    # 2024 and decided in January 2025 (counted in 2025)
    carried = [(date(2023, 12, 27), date(2024, 1, 3)), (date(2023, 12, 28), date(2024, 1, 4))]
    later = [(date(2024, 12, 26), date(2025, 1, 6)), (date(2024, 12, 27), date(2025, 1, 7)),
             (date(2024, 12, 30), date(2025, 1, 8))]  # fmt: skip
    in_year = [
        (day, demo.workday(day + timedelta(days=demo.rng.randint(1, 6))))
        for day in demo.workdays(date(YEAR, 1, 2), date(YEAR, 12, 16), DOCUMENTS_REVIEWED - 2)
    ]
    for index, (submitted, decided) in enumerate(carried + in_year + later):
        unit = office_unit if index % 5 < 3 else demo.government
        kind = "蒸政办发" if unit == office_unit else "蒸政发"
        rows.append(
            _review(
                demo,
                serials,
                unit=unit,
                subject_type=SubjectType.GOVERNMENT_DOCUMENT,
                title=f"关于{demo.rng.choice(PROJECTS)}的通知（{kind}送审稿）",
                submitted=submitted,
                decided=decided,
            )
        )
    for submitted in demo.workdays(date(YEAR, 1, 10), date(YEAR, 12, 10), CONTRACTS_REVIEWED):
        rows.append(
            _review(
                demo,
                serials,
                unit=demo.rng.choice(demo.departments),
                subject_type=SubjectType.CONTRACT,
                title=f"{demo.rng.choice(PROJECTS)}合同",
                submitted=submitted,
                decided=demo.workday(submitted + timedelta(days=5)),
                counterparty=demo.rng.choice(COUNTERPARTIES),
                amount=Decimal(demo.rng.randrange(200, 9000) * 1000),
            )
        )
    for submitted in demo.workdays(
        date(YEAR, 1, 10), date(YEAR, 12, 10), DEPARTMENT_DOCUMENTS_REVIEWED
    ):
        unit = demo.rng.choice(demo.departments)
        rows.append(
            _review(
                demo,
                serials,
                unit=unit,
                subject_type=SubjectType.DEPARTMENT_DOCUMENT,
                title=f"{unit.short_name or unit.name}关于{demo.rng.choice(PROJECTS)}的文件",
                submitted=submitted,
                decided=demo.workday(submitted + timedelta(days=4)),
            )
        )
    ReviewRequest.objects.bulk_create(rows)


# ---- normative documents in force, and the three cleanups of 2024 -----------------------------


def _historic_documents_and_cleanups(demo: Demo) -> None:
    documents = {}
    for serial, (title, unit_name, year, _outcome, _reason) in enumerate(HISTORIC_DOCUMENTS, 1):
        published = demo.workday(date(year, 3 + serial % 8, 10 + serial % 15))
        effective = date(published.year, published.month, 1) + timedelta(days=62)
        effective = effective.replace(day=1)
        unit = demo.unit(unit_name)
        documents[title] = NormativeDocument.objects.create(
            unit=unit,
            title=title,
            body=f"{title}\n第一条 为规范相关工作，根据有关法律法规，结合本区实际，制定本办法。",
            issuer_kind=IssuerKind.GOVERNMENT if unit == demo.government else IssuerKind.DEPARTMENT,
            document_number=f"蒸政发〔{year}〕{serial}号",
            state=DocState.PUBLISHED,
            registration_number=f"ZXDR-{year}-{serial:05d}",
            registered_on=published,
            published_on=published,
            effective_on=effective,
            valid_until=date(max(year + 5, 2026) + serial % 3, 12, 31),
            filed_on=demo.workday(published + timedelta(days=8)),
            filed_with="衡阳市人民政府" if unit == demo.government else "蒸湘区人民政府",
            consultation_exempt_reason="平台启用前制定，程序材料存档备查",
            publication_channel="政府门户网站",
        )

    def run(kind, title, scope, started, completed, published, basis):
        campaign = cleanup_start(
            actor=demo.office,
            unit=demo.government,
            kind=kind,
            year=YEAR,
            title=title,
            basis=basis,
            started_on=started,
            cutoff_on=started - timedelta(days=1),
            documents=None if scope is None else [documents[t] for t in scope],
        )
        outcomes = {t: (o, r) for t, _u, _y, o, r in HISTORIC_DOCUMENTS}
        for item in campaign.items.select_related("document"):
            outcome, reason = (
                outcomes[item.document.title]
                if kind == CleanupKind.PERIODIC
                else (CleanupOutcome.REMAINS_VALID, "")
            )
            cleanup_set_outcome(actor=demo.office, item=item, outcome=outcome, reason=reason)
        cleanup_complete(actor=demo.office, campaign=campaign, on=completed)
        cleanup_publish(
            actor=demo.office,
            campaign=campaign,
            on=published,
            url=f"http://www.zhengxiang.gov.cn/zwgk/gfxwj/ql{published:%Y%m%d}.html",
        )

    run(
        CleanupKind.FAIR_COMPETITION,
        "2024年妨碍统一市场和公平竞争的政策措施（不平等对待企业）清理",
        FAIR_COMPETITION_SCOPE,
        date(YEAR, 3, 18),
        date(YEAR, 5, 31),
        date(YEAR, 6, 5),
        "《公平竞争审查条例》；国家发展改革委等部门关于清理妨碍统一市场和公平竞争政策措施的通知",
    )
    run(
        CleanupKind.UPSTREAM,
        "2024年国务院宣布失效文件相关规范性文件清理",
        UPSTREAM_SCOPE,
        date(YEAR, 6, 11),
        date(YEAR, 7, 12),
        date(YEAR, 7, 19),
        "《国务院关于宣布失效一批国务院文件的决定》",
    )
    run(
        CleanupKind.PERIODIC,
        "2024年度行政规范性文件定期清理",
        None,
        date(YEAR, 7, 1),
        date(YEAR, 9, 13),
        date(YEAR, 9, 20),
        "湖南省规范性文件每逢偶数年第三季度定期清理的规定",
    )


# ---- the departments' catalogs and the seed's problems ----------------------------------------


def _department_catalogs(demo: Demo) -> None:
    """Through the Excel import path; the catalogs are then agreed and published, except the
    seed's problem units: two have none, one never published it."""
    rows, number = [], 2
    for department in demo.departments:
        if department.name in NO_CATALOG:
            continue
        for item in range(1 + department.pk % 2):
            rows.append(
                {
                    "_row": number,
                    "unit": department.name,
                    "year": YEAR,
                    "title": f"{department.short_name or department.name}"
                    f"{demo.rng.choice(PROJECTS)}{'实施方案' if item else '三年行动计划'}",
                    "category": DecisionCategory.PUBLIC_POLICY,
                    "lead_unit": department.name,
                    "cooperating_units": "",
                    "planned_date": date(YEAR, 6 + item * 5, 30),
                }
            )
            number += 1
    catalog_items_import(actor=demo.office, rows=rows)
    for catalog in DecisionCatalog.objects.filter(
        year=YEAR, unit__in=demo.departments, state=CatalogState.DRAFTING
    ).select_related("unit"):
        if catalog.unit.name in UNPUBLISHED_CATALOG:
            continue
        catalog_record_party_agreement(
            actor=demo.office, catalog=catalog, on=date(YEAR, 3, 5), reference="本单位党组会议"
        )
        catalog_publish(
            actor=demo.office,
            catalog=catalog,
            on=date(YEAR, 3, 12),
            url=f"http://www.zhengxiang.gov.cn/bmxxgk/{catalog.unit.pk}/zdjcml2024.html",
        )


def _decision_without_advisor(demo: Demo) -> None:
    """History entered from the department's own ledger: decided with no advisor's opinion."""
    decision_import(
        actor=demo.office,
        rows=[
            {
                "_row": 2,
                "unit": NO_ADVISOR[0],
                "year": YEAR,
                "title": "蒸湘区退役军人就业创业扶持办法",
                "category": DecisionCategory.PUBLIC_POLICY,
                "lead_unit": NO_ADVISOR[0],
                "state": None,
                "discussed_on": date(YEAR, 6, 18),
                "advisor_opinion_summary": "",
            }
        ],
    )
