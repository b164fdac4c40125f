"""Indicators of 普法 (seed 一(六)): they take over the backbone's returned `publicity.*` codes.

The approximate display ("40余次", "3万余份") is the seed's display rule; the exact count stays
in the value.
"""

from fazhi.indicators.registry import Kind, Summed, computed, rate
from fazhi.publicity.models import DutyState
from fazhi.publicity.selectors import (
    duties_of,
    events_in,
    legal_literates_on,
    livestreams_in,
    villages_titled_on,
)

DOMAIN = "普法宣传"


@computed(
    code="publicity.events",
    name="法治宣传活动",
    domain=DOMAIN,
    measure="次",
    formula="年度内登记的法治宣传活动次数（报告显示为“N余”）",
    approximate=1,
)
def events(scope):
    return events_in(scope.units, scope.start, scope.end)


@computed(
    code="publicity.materials",
    name="派发普法资料",
    domain=DOMAIN,
    measure="份",
    kind=Kind.SUM,
    formula="年度内各次活动派发资料份数之和（报告显示为“N余”）",
    approximate=1,
)
def materials(scope):
    return Summed(events_in(scope.units, scope.start, scope.end), "materials")


@computed(
    code="publicity.consultations",
    name="普法活动法律咨询",
    domain=DOMAIN,
    measure="次",
    kind=Kind.SUM,
    formula="年度内各次活动解答法律咨询次数之和（报告显示为“N余”）",
    approximate=1,
)
def consultations(scope):
    return Summed(events_in(scope.units, scope.start, scope.end), "consultations")


@computed(
    code="publicity.livestreams",
    name="直播普法",
    domain=DOMAIN,
    measure="次",
    formula="年度内直播普法场次",
)
def livestreams(scope):
    return livestreams_in(scope.units, scope.start, scope.end)


@computed(
    code="publicity.livestream_views",
    name="直播普法观看",
    domain=DOMAIN,
    measure="人次",
    kind=Kind.SUM,
    formula="年度内各场直播普法观看人次之和（平台统计，报告显示为“N余”）",
    approximate=2,
)
def livestream_views(scope):
    return Summed(livestreams_in(scope.units, scope.start, scope.end), "views")


@computed(
    code="publicity.livestream_likes",
    name="直播普法获赞",
    domain=DOMAIN,
    measure="次",
    kind=Kind.SUM,
    formula="年度内各场直播普法获赞数之和（平台统计，报告显示为“N余”）",
    approximate=1,
)
def livestream_likes(scope):
    return Summed(livestreams_in(scope.units, scope.start, scope.end), "likes")


@computed(
    code="publicity.duties",
    name="普法责任清单事项",
    domain=DOMAIN,
    measure="项",
    kind=Kind.STOCK,
    formula="本年度各单位普法责任清单中的事项数",
)
def duties(scope):
    return duties_of(scope.units, scope.year)


@computed(
    code="publicity.duties_done",
    name="普法责任清单已完成事项",
    domain=DOMAIN,
    measure="项",
    formula="本年度普法责任清单中在年内登记完成的事项数",
)
def duties_done(scope):
    return duties_of(scope.units, scope.year).filter(
        state=DutyState.DONE, completed_on__lte=scope.end
    )


rate(
    code="publicity.duty_completion_rate",
    name="普法责任清单完成率",
    domain=DOMAIN,
    numerator="publicity.duties_done",
    denominator="publicity.duties",
    formula="已完成事项 ÷ 清单事项 × 100%",
)


@computed(
    code="publicity.demonstration_villages",
    name="民主法治示范村（社区）",
    domain=DOMAIN,
    measure="个",
    kind=Kind.STOCK,
    formula="年末持有民主法治示范称号的村（社区）称号数",
)
def demonstration_villages(scope):
    return villages_titled_on(scope.units, scope.end)


@computed(
    code="publicity.legal_literates",
    name="法律明白人",
    domain=DOMAIN,
    measure="人",
    kind=Kind.STOCK,
    formula="年末在册的村（社区）法律明白人数",
)
def legal_literates(scope):
    return legal_literates_on(scope.units, scope.end)
