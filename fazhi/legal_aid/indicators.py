"""Indicators of legal aid (seed 一(五)): they take over the backbone's returned `legal_aid.*`
placeholders, plus the official breakdowns (by category and criminal stage) and the
compliance checks of the statutory periods (第三十六条、第三十九条、第四十三条)."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType

from fazhi.deadlines.models import Clock, ClockState
from fazhi.indicators.registry import Finding, Kind, Summed, compliance_check, computed, rate
from fazhi.legal_aid import deadlines as rules
from fazhi.legal_aid.models import (
    AidCase,
    Category,
    Channel,
    ConsultChannel,
    CriminalStage,
    QualityCheck,
)
from fazhi.legal_aid.selectors import cases_granted, consultations

DOMAIN = "公共法律服务"
COUNTED = "年度内决定给予法律援助（含办案机关通知辩护、代理和法律帮助）的案件数，按决定日期计"


@computed(code="legal_aid.cases", name="法律援助受理", domain=DOMAIN, measure="件", formula=COUNTED)
def cases(scope):
    return cases_granted(scope.units, scope.start, scope.end)


def _category(code: str, category: str, label: str):
    @computed(
        code=code,
        name=f"法律援助{label}案件" if category != Category.LEGAL_HELP else "法律援助法律帮助",
        domain=DOMAIN,
        measure="件",
        formula=f"{COUNTED}中类别为“{label}”的",
    )
    def by_category(scope):
        return cases_granted(scope.units, scope.start, scope.end).filter(category=category)

    return by_category


_category("legal_aid.cases_criminal", Category.CRIMINAL, "刑事")
_category("legal_aid.cases_civil", Category.CIVIL, "民事")
_category("legal_aid.cases_administrative", Category.ADMINISTRATIVE, "行政")
_category("legal_aid.cases_legal_help", Category.LEGAL_HELP, "法律帮助")


def _stage(stage: str, label: str):
    @computed(
        code=f"legal_aid.cases_criminal_{stage}",
        name=f"法律援助刑事案件（{label}）",
        domain=DOMAIN,
        measure="件",
        formula=f"{COUNTED}中刑事案件处于{label}的",
    )
    def by_stage(scope):
        return cases_granted(scope.units, scope.start, scope.end).filter(
            category=Category.CRIMINAL, criminal_stage=stage
        )

    return by_stage


for _value, _label in CriminalStage.choices:
    _stage(_value, _label)


@computed(
    code="legal_aid.visits",
    name="法律援助来访咨询",
    domain=DOMAIN,
    measure="人次",
    formula="年度内来访咨询人次（逐条登记与按日汇总之和）",
)
def visits(scope):
    return Summed(
        consultations(scope.units, scope.start, scope.end, ConsultChannel.VISIT), "persons"
    )


@computed(
    code="legal_aid.calls",
    name="法律援助来电咨询",
    domain=DOMAIN,
    measure="人次",
    formula="年度内来电咨询人次（逐条登记与按日汇总之和）",
)
def calls(scope):
    return Summed(
        consultations(scope.units, scope.start, scope.end, ConsultChannel.PHONE), "persons"
    )


@computed(
    code="legal_aid.subsidy_paid",
    name="法律援助办案补贴",
    domain=DOMAIN,
    measure="元",
    kind=Kind.SUM,
    formula="年度内结案案件按补贴标准核定的办案补贴之和",
)
def subsidy_paid(scope):
    return Summed(
        AidCase.objects.filter(unit__in=scope.units, closed_on__range=(scope.start, scope.end)),
        "subsidy",
    )


@computed(
    code="legal_aid.quality_checks",
    name="法律援助质量检查",
    domain=DOMAIN,
    measure="次",
    formula="年度内旁听庭审、案卷检查、征询意见和回访受援人的次数",
)
def quality_checks(scope):
    return QualityCheck.objects.filter(
        case__unit__in=scope.units, checked_on__range=(scope.start, scope.end)
    )


@computed(
    code="legal_aid.quality_checks_passed",
    name="法律援助质量检查合格",
    domain=DOMAIN,
    measure="次",
    formula="年度内质量检查结论为合格的次数",
)
def quality_checks_passed(scope):
    return quality_checks(scope).filter(passed=True)


rate(
    code="legal_aid.quality_pass_rate",
    name="法律援助质量检查合格率",
    numerator="legal_aid.quality_checks_passed",
    denominator="legal_aid.quality_checks",
    domain=DOMAIN,
    formula="质量检查合格次数 ÷ 质量检查次数",
)


def _missed(scope, codes: tuple[str, ...]):
    return Clock.objects.filter(
        unit__in=scope.units,
        content_type=ContentType.objects.get_for_model(AidCase),
        rule_code__in=codes,
        state=ClockState.MISSED,
        closed_on__range=(scope.start, scope.end),
    ).select_related("unit")


def _findings(clocks, text: str) -> list[Finding]:
    by_unit: dict = {}
    for clock in clocks:
        by_unit.setdefault(clock.unit, []).append(clock)
    return [
        Finding(
            unit=unit,
            message=f"{unit.name}有{len(items)}件法律援助案件{text}。",
            records=items,
        )
        for unit, items in by_unit.items()
    ]


@compliance_check(
    code="legal_aid.assignment_late",
    name="法律援助未在三日内指派",
    domain=DOMAIN,
    citation="《法律援助法》第三十六条、第四十三条",
)
def assignment_late(scope):
    clocks = yield _missed(scope, (rules.ASSIGNMENT, rules.NOTIFICATION_ASSIGNMENT))
    return _findings(clocks, "未在决定给予或收到通知后三日内指派")


@compliance_check(
    code="legal_aid.review_late",
    name="法律援助申请未在期限内审查决定",
    domain=DOMAIN,
    citation="《法律援助法》第四十三条",
)
def review_late(scope):
    clocks = yield _missed(scope, (rules.REVIEW,))
    return _findings(clocks, "未在七日审查期限内作出决定")


@compliance_check(
    code="legal_aid.detention_forwarding_late",
    name="羁押场所未在二十四小时内转交申请",
    domain=DOMAIN,
    citation="《法律援助法》第三十九条",
)
def detention_forwarding_late(scope):
    cases = yield AidCase.objects.filter(
        unit__in=scope.units,
        channel=Channel.DETENTION,
        received_on__range=(scope.start, scope.end),
        detention_submitted_on__isnull=False,
    ).select_related("unit")
    late = [
        case for case in cases if case.received_on - case.detention_submitted_on > timedelta(days=1)
    ]
    by_unit: dict = {}
    for case in late:
        by_unit.setdefault(case.unit, []).append(case)
    return [
        Finding(
            unit=unit,
            message=f"{unit.name}收到的{len(items)}件羁押人员申请，羁押场所未在二十四小时内转交。",
            records=items,
        )
        for unit, items in by_unit.items()
    ]
