"""Indicators of government services (seed 一(二)): they take over the backbone's returned
`services.*` placeholders, so the report's figures come from the records.

On time (按时办结): an application completed (准予 or 不予) on or before its due date, the due
date being its item's promised limit (承诺时限) counted in working days from the day after
receipt with the holiday calendar in force at import (rest days = holidays, and weekends that
are not 调休 working days; 调休 working days count). The rate `services.on_time_rate` is
按时办结件数 ÷ 办结件数.
"""

from django.db.models import Q

from fazhi.govservices.models import (
    REMOTE_CONSULTATIONS,
    ApplicationResult,
    Channel,
    HallTally,
    OneThingPackage,
    ServiceApplication,
    ServiceItem,
    StationedUnit,
    TallyKind,
    WindowCount,
)
from fazhi.indicators.registry import Kind, Summed, computed, rate, relation

DOMAIN = "政务服务"
COMPLETED = (ApplicationResult.APPROVED, ApplicationResult.REFUSED)


def _received(scope):
    return ServiceApplication.objects.filter(
        unit__in=scope.units, received_on__range=(scope.start, scope.end)
    )


def _completed(scope):
    return ServiceApplication.objects.filter(
        unit__in=scope.units, result__in=COMPLETED, completed_on__range=(scope.start, scope.end)
    )


@computed(
    code="services.applications",
    name="受理行政审批、公共服务事项",
    domain=DOMAIN,
    measure="件",
    formula="受理日期在年度内的政务服务办件数（自政务服务平台导入，= 网上办件 + 现场办件）",
)
def applications(scope):
    return _received(scope)


@computed(
    code="services.applications_online",
    name="网上办件",
    domain=DOMAIN,
    measure="件",
    formula="受理日期在年度内、办理渠道为网上办理的办件数",
)
def applications_online(scope):
    return _received(scope).filter(channel=Channel.ONLINE)


@computed(
    code="services.applications_onsite",
    name="现场办件",
    domain=DOMAIN,
    measure="件",
    formula="受理日期在年度内、办理渠道为现场办理的办件数",
)
def applications_onsite(scope):
    return _received(scope).filter(channel=Channel.ONSITE)


@computed(
    code="services.completed",
    name="办结件数",
    domain=DOMAIN,
    measure="件",
    formula="办结日期在年度内、办理结果为准予或不予的办件数（按时办结率的分母）",
)
def completed(scope):
    return _completed(scope)


@computed(
    code="services.completed_on_time",
    name="按时办结件数",
    domain=DOMAIN,
    measure="件",
    formula=(
        "办结日期在年度内、且办结日不晚于承诺期限届满日的办件数（按时办结率的分子）；"
        "届满日 = 受理次日起按事项承诺时限数工作日，工作日依导入时现行的放假安排日历"
        "（法定节假日和非调休的周末不计，调休上班日计入），不采用来源系统的“是否超期”标记"
    ),
)
def completed_on_time(scope):
    return _completed(scope).filter(on_time=True)


def _tally(scope, kinds):
    return Summed(
        HallTally.objects.filter(
            unit__in=scope.units, kind__in=kinds, on__range=(scope.start, scope.end)
        ),
        "count",
    )


for _code, _name, _measure, _kinds, _formula in [
    ("services.consultations_remote", "电话、网上、微信咨询", "人次", REMOTE_CONSULTATIONS,
     "年度内政务大厅电话、网上、微信咨询日统计之和"),
    ("services.visitors_onsite", "现场接待", "人次", (TallyKind.VISITORS,),
     "年度内政务大厅现场接待日统计之和"),
    ("services.free_seals", "新设立企业免费刻制印章", "家", (TallyKind.FREE_SEAL,),
     "年度内为新设立企业免费刻制印章的日统计之和"),
    ("services.free_mailings", "免费邮寄", "次", (TallyKind.FREE_MAILING,),
     "年度内免费邮寄的日统计之和"),
    ("services.free_prints", "免费复印打印", "人次", (TallyKind.FREE_PRINT,),
     "年度内免费复印打印的日统计之和"),
]:  # fmt: skip

    def _register(code=_code, name=_name, measure=_measure, kinds=_kinds, formula=_formula):
        @computed(
            code=code, name=name, domain=DOMAIN, measure=measure, kind=Kind.SUM, formula=formula
        )
        def tally(scope):
            return _tally(scope, kinds)

    _register()


@computed(
    code="services.windows",
    name="政务中心窗口",
    domain=DOMAIN,
    measure="个",
    kind=Kind.SUM,
    formula="年末政务服务中心设置的窗口数（取年末时有效的最近一次窗口设置）",
)
def windows(scope):
    latest = (
        WindowCount.objects.filter(unit__in=scope.units, on__lte=scope.end)
        .order_by("unit_id", "-on")
        .distinct("unit_id")
        .values("pk")
    )
    return Summed(WindowCount.objects.filter(pk__in=latest), "windows")


@computed(
    code="services.stationed_units",
    name="进驻部门及企业",
    domain=DOMAIN,
    measure="个",
    kind=Kind.STOCK,
    formula="年末仍进驻政务服务中心的部门及企业数",
)
def stationed_units(scope):
    return StationedUnit.objects.filter(unit__in=scope.units, stationed_on__lte=scope.end).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=scope.end)
    )


@computed(
    code="services.one_thing_items_active",
    name="“一件事”正常受理的事项",
    domain=DOMAIN,
    measure="项",
    kind=Kind.STOCK,
    formula="年末已上线且正常受理的“高效办成一件事”事项数（未正常受理的须登记原因）",
)
def one_thing_items_active(scope):
    return OneThingPackage.objects.filter(
        unit__in=scope.units, launched_on__lte=scope.end, active=True
    )


@computed(
    code="services.one_thing_applications",
    name="“一件事”受理业务",
    domain=DOMAIN,
    measure="件",
    formula="受理日期在年度内、属于“一件事”的办件数",
)
def one_thing_applications(scope):
    return _received(scope).filter(package__isnull=False)


def _claimed(scope):
    return ServiceItem.objects.filter(
        department__in=scope.units,
        platform_claimed_on__lte=scope.end,
        platform_configured_on__lte=scope.end,
    )


@computed(
    code="services.items_claimed",
    name="一网通办认领事项",
    domain=DOMAIN,
    measure="项",
    kind=Kind.STOCK,
    formula="年末已在一网通办系统认领并完成人员、流程配置的事项数",
)
def items_claimed(scope):
    return _claimed(scope)


@computed(
    code="services.online_platform_units",
    name="一网通办涉及区直单位",
    domain=DOMAIN,
    measure="个",
    kind=Kind.STOCK,
    formula="年末在一网通办系统认领并配置了事项的实施单位数（去重）",
)
def online_platform_units(scope):
    return _claimed(scope).order_by("department_id", "code").distinct("department_id")


@computed(
    code="services.online_platform_applications",
    name="一网通办受理业务",
    domain=DOMAIN,
    measure="件",
    formula="受理日期在年度内、经一网通办系统受理的办件数",
)
def online_platform_applications(scope):
    return _received(scope).filter(via_platform=True)


rate(
    code="services.on_time_rate",
    name="按时办结率",
    domain=DOMAIN,
    numerator="services.completed_on_time",
    denominator="services.completed",
    formula=(
        "按时办结件数 ÷ 办结件数 × 100%；分子、分母均为办结日期在年度内、结果为准予或不予的办件，"
        "按时 = 办结日不晚于自受理次日起按承诺时限计算的工作日届满日（放假安排日历：法定节假日"
        "和非调休周末不计，调休上班日计入）"
    ),
)
relation(
    code="services.channels_sum",
    name="网上办件 + 现场办件 = 受理办件",
    left=["services.applications_online", "services.applications_onsite"],
    op="==",
    right=["services.applications"],
)
relation(
    code="services.on_time_within_completed",
    name="按时办结件数 ≤ 办结件数",
    left=["services.completed_on_time"],
    op="<=",
    right=["services.completed"],
)
