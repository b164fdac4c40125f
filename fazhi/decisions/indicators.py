"""Indicators and compliance checks of major decisions (seed 二(三): catalogs not made or not
published; decisions taken without the legal advisor's opinion)."""

from django.contrib.contenttypes.models import ContentType

from fazhi.decisions.models import CatalogState, DecisionCatalog, MajorDecision
from fazhi.decisions.selectors import catalog_required_units
from fazhi.indicators.registry import Finding, compliance_check, computed
from fazhi.review.models import AdvisorOpinion, ReviewRequest, SubjectType

DOMAIN = "依法决策"


@computed(
    code="decisions.major_decisions_discussed",
    name="经集体讨论决定的重大行政决策",
    domain=DOMAIN,
    measure="件",
    formula="年度内经政府常务会议或全体会议集体讨论的重大行政决策件数",
)
def major_decisions_discussed(scope):
    return MajorDecision.objects.filter(
        unit__in=scope.units, discussed_on__range=(scope.start, scope.end)
    )


@computed(
    code="decisions.catalogs_published",
    name="公布重大行政决策事项目录的单位",
    domain=DOMAIN,
    measure="个",
    formula="本年度决策事项目录经党委同意并公布的单位数",
)
def catalogs_published(scope):
    return DecisionCatalog.objects.filter(
        unit__in=scope.units, year=scope.year, state=CatalogState.PUBLISHED
    )


@compliance_check(
    code="decisions.catalog_missing",
    name="未制定或未公布重大行政决策事项目录的单位",
    domain=DOMAIN,
    citation="《重大行政决策程序暂行条例》第三条第三款",
)
def catalog_missing(scope):
    found, required = yield (
        DecisionCatalog.objects.filter(unit__in=scope.units, year=scope.year),
        catalog_required_units(scope.units).order_by("name"),
    )
    catalogs = {c.unit_id: c for c in found}
    findings = []
    for unit in required:
        catalog = catalogs.get(unit.pk)
        if catalog is None:
            message = f"{unit.name}未制定{scope.year}年度重大行政决策事项目录。"
            records = [unit]
        elif catalog.state != CatalogState.PUBLISHED:
            message = (
                f"{unit.name}{scope.year}年度重大行政决策事项目录"
                f"（{catalog.get_state_display()}）未经党委同意后向社会公布。"
            )
            records = [catalog]
        else:
            continue
        findings.append(Finding(unit=unit, message=message, records=records))
    return findings


def _discussed(scope):
    return MajorDecision.objects.filter(
        unit__in=scope.units, discussed_on__range=(scope.start, scope.end)
    ).select_related("unit")


def _advisor_opinion_subjects():
    """The ids of major decisions whose legality review holds a given advisor opinion."""
    reviews = ReviewRequest.objects.filter(
        subject_ct=ContentType.objects.get_for_model(MajorDecision),
        subject_type=SubjectType.MAJOR_DECISION,
    )
    opinions = AdvisorOpinion.objects.given().filter(
        review__in=reviews, review__subject_id__isnull=False
    )
    return opinions.values("review__subject_id")


@compliance_check(
    code="decisions.discussed_without_advisor_opinion",
    name="未听取法律顾问意见即作出的重大行政决策",
    domain=DOMAIN,
    citation="《重大行政决策程序暂行条例》第二十八条",
)
def discussed_without_advisor_opinion(scope):
    decisions = (
        yield _discussed(scope)
        .filter(advisor_opinion_summary="")
        .exclude(pk__in=_advisor_opinion_subjects())
    )
    return [
        Finding(
            unit=decision.unit,
            message=f"重大行政决策“{decision.title}”于{decision.discussed_on:%Y-%m-%d}集体讨论，"
            "合法性审查中未记录法律顾问意见。",
            records=[decision],
        )
        for decision in decisions
    ]
