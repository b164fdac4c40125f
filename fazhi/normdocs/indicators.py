"""Indicators and compliance checks of normative documents (seed 一(三); 示范指标 item 27, N12)."""

from datetime import date

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from fazhi.core.models import Unit, UnitKind
from fazhi.deadlines.selectors import latest_due_date
from fazhi.indicators.registry import Finding, Kind, compliance_check, computed, rate
from fazhi.normdocs import conf
from fazhi.normdocs.models import (
    CleanupCampaign,
    CleanupItem,
    CleanupKind,
    CleanupOutcome,
    CleanupState,
    DocState,
    NormativeDocument,
)

DOMAIN = "依法决策"
FILING_RULE = "normdocs.filing"
DONE = (CleanupState.COMPLETED, CleanupState.PUBLISHED)


def _published(scope):
    return NormativeDocument.objects.filter(
        unit__in=scope.units, published_on__range=(scope.start, scope.end)
    ).exclude(state__in=(DocState.ABANDONED, DocState.DRAFTING))


def _filing_due():
    """The due date stored on the document's latest filing clock (《湖南省规范性文件管理办法》
    第二十二条: 15 days from publication, rolled past holidays), as a subquery.

    Publishing (and the ledger import) starts the clock; while it is open the deadlines recompute
    keeps it in step with the calendar and the rule, and filing closes it on the due date as it then
    stood. NULL for a document without one (history recorded without its period).
    """
    return latest_due_date(NormativeDocument, FILING_RULE)


@computed(
    code="normdocs.filed",
    name="审查备案规范性文件",
    domain=DOMAIN,
    measure="件",
    formula="年度内报送备案的规范性文件件数",
)
def filed(scope):
    return NormativeDocument.objects.filter(
        unit__in=scope.units, filed_on__range=(scope.start, scope.end)
    )


@computed(
    code="normdocs.published",
    name="公布的规范性文件",
    domain=DOMAIN,
    measure="件",
    formula="年度内统一登记、统一编号、统一公布的规范性文件件数",
)
def published(scope):
    return _published(scope)


@computed(
    code="normdocs.published_filed",
    name="已报备的规范性文件（按公布年度）",
    domain=DOMAIN,
    measure="件",
    formula="年度内公布的规范性文件中已报送备案的件数",
)
def published_filed(scope):
    return _published(scope).filter(filed_on__isnull=False)


@computed(
    code="normdocs.filed_on_time",
    name="按时报备的规范性文件（按公布年度）",
    domain=DOMAIN,
    measure="件",
    formula="年度内公布并在公布之日起15日内（法定期限，遇节假日顺延）报送备案的件数",
)
def filed_on_time(scope):
    """Filed by the due date of the filing clock (第二十二条). A filed document without a filing
    clock has no period on record to have missed and counts as on time."""
    return _published(scope).filter(
        filed_on__isnull=False, filed_on__lte=Coalesce(_filing_due(), F("filed_on"))
    )


rate(
    code="normdocs.filing_rate",
    name="规范性文件报备率",
    numerator="normdocs.published_filed",
    denominator="normdocs.published",
    domain=DOMAIN,
    formula="年度内公布的规范性文件中已报备件数 ÷ 年度内公布的规范性文件件数（示范指标第27项，N12）",
)

rate(
    code="normdocs.filing_timely_rate",
    name="规范性文件报备及时率",
    numerator="normdocs.filed_on_time",
    denominator="normdocs.published_filed",
    domain=DOMAIN,
    formula="按时报备件数 ÷ 已报备件数（示范指标第27项，N12）",
)


def _campaigns(scope, kind):
    return CleanupCampaign.objects.filter(
        unit__in=scope.units,
        kind=kind,
        state__in=DONE,
        completed_on__range=(scope.start, scope.end),
    )


@computed(
    code="normdocs.cleanup_fair_competition",
    name="不平等对待企业的法律法规及政策清理",
    domain=DOMAIN,
    measure="次",
    formula="年度内完成的公平竞争审查（不平等对待企业）专项清理次数",
)
def cleanup_fair_competition(scope):
    return _campaigns(scope, CleanupKind.FAIR_COMPETITION)


@computed(
    code="normdocs.cleanup_invalidated_upstream",
    name="国务院宣布失效文件的清理",
    domain=DOMAIN,
    measure="次",
    formula="年度内完成的上位法修改废止及国务院宣布失效文件专项清理次数",
)
def cleanup_invalidated_upstream(scope):
    return _campaigns(scope, CleanupKind.UPSTREAM)


@computed(
    code="normdocs.cleanup_periodic",
    name="偶数年规范性文件定期清理",
    domain=DOMAIN,
    measure="次",
    formula="年度内完成的规范性文件定期清理次数（偶数年第三季度，N9）",
)
def cleanup_periodic(scope):
    return _campaigns(scope, CleanupKind.PERIODIC)


def _periodic_outcome(scope, outcome):
    return CleanupItem.objects.filter(
        unit__in=scope.units,
        outcome=outcome,
        campaign__kind=CleanupKind.PERIODIC,
        campaign__state__in=DONE,
        campaign__completed_on__range=(scope.start, scope.end),
    )


@computed(
    code="normdocs.declared_invalid",
    name="定期清理宣布失效的规范性文件",
    domain=DOMAIN,
    measure="件",
    formula="年度内完成的定期清理中结论为“宣布失效”的文件件数",
)
def declared_invalid(scope):
    return _periodic_outcome(scope, CleanupOutcome.DECLARE_INVALID)


@computed(
    code="normdocs.remains_valid",
    name="定期清理继续有效的规范性文件",
    domain=DOMAIN,
    measure="件",
    formula="年度内完成的定期清理中结论为“继续有效”的文件件数",
)
def remains_valid(scope):
    return _periodic_outcome(scope, CleanupOutcome.REMAINS_VALID)


@computed(
    code="normdocs.repealed",
    name="定期清理宣布废止的规范性文件",
    domain=DOMAIN,
    measure="件",
    formula="年度内完成的定期清理中结论为“废止”的文件件数",
)
def repealed(scope):
    return _periodic_outcome(scope, CleanupOutcome.REPEAL)


@computed(
    code="normdocs.in_force",
    name="现行有效的规范性文件",
    domain=DOMAIN,
    measure="件",
    kind=Kind.STOCK,
    formula="期末现行有效（已施行、在有效期内、未停止执行）的规范性文件件数",
)
def in_force(scope):
    return NormativeDocument.objects.filter(unit__in=scope.units).in_force_on(scope.end)


def _as_of(scope) -> date:
    return min(scope.end, timezone.localdate())


@compliance_check(
    code="normdocs.filing_late",
    name="未在规定期限内报备的规范性文件",
    domain=DOMAIN,
    citation="《湖南省规范性文件管理办法》第二十二条",
)
def filing_late(scope):
    """Not filed, or filed late, by the due date of the filing clock (第二十二条); a document
    without a filing clock has no due date on record and is not listed."""
    as_of = _as_of(scope)
    findings = []
    documents = yield (
        _published(scope)
        .annotate(filing_due=_filing_due())
        .filter(filing_due__isnull=False)
        .select_related("unit")
        .order_by("published_on")
    )
    for document in documents:
        due = document.filing_due
        if document.filed_on is None and due < as_of:
            message = (
                f"《{document.title}》于{document.published_on:%Y-%m-%d}公布，"
                f"应于{due:%Y-%m-%d}前报备，至{as_of:%Y-%m-%d}尚未报备。"
            )
        elif document.filed_on is not None and document.filed_on > due:
            message = (
                f"《{document.title}》于{document.published_on:%Y-%m-%d}公布，"
                f"应于{due:%Y-%m-%d}前报备，实际{document.filed_on:%Y-%m-%d}报备，逾期"
                f"{(document.filed_on - due).days}日。"
            )
        else:
            continue
        findings.append(Finding(unit=document.unit, message=message, records=[document]))
    return findings


@compliance_check(
    code="normdocs.expired_still_in_force",
    name="有效期届满仍标为现行有效的规范性文件",
    domain=DOMAIN,
    citation="《湖南省规范性文件管理办法》有效期制度",
)
def expired_still_in_force(scope):
    as_of = _as_of(scope)
    documents = yield NormativeDocument.objects.filter(
        unit__in=scope.units, state=DocState.PUBLISHED, valid_until__lt=as_of
    ).select_related("unit")
    return [
        Finding(
            unit=document.unit,
            message=f"《{document.title}》有效期至{document.valid_until:%Y-%m-%d}，"
            f"届满后仍标为现行有效，须评估后宣布继续有效、修改或失效。",
            records=[document],
        )
        for document in documents
    ]


@compliance_check(
    code="normdocs.periodic_cleanup_missing",
    name="偶数年第三季度未开展规范性文件清理",
    domain=DOMAIN,
    citation="湖南省规范性文件定期清理制度",
)
def periodic_cleanup_missing(scope):
    year = scope.year
    if not conf.is_periodic_cleanup_year(year):
        return []
    quarter = conf.periodic_cleanup_quarter()
    q_start = date(year, 3 * quarter - 2, 1)
    q_end = date(year, 3 * quarter, 30 if quarter in (2, 3) else 31)
    if timezone.localdate() <= q_end or scope.end < q_end:
        return []
    campaigns = CleanupCampaign.objects.filter(
        kind=CleanupKind.PERIODIC, state__in=DONE, completed_on__range=(q_start, q_end)
    )
    governments = Unit.objects.filter(pk__in=scope.units, kind=UnitKind.GOVERNMENT)
    governments, done = yield (
        governments,
        campaigns.filter(Q(unit__in=governments) | Q(unit__parent__in=governments)).values_list(
            "unit_id", "unit__parent_id"
        ),
    )
    done_by = {unit_id for pair in done for unit_id in pair}
    findings = []
    for government in governments:
        if government.pk not in done_by:
            findings.append(
                Finding(
                    unit=government,
                    message=f"{government.name}未在{year}年第{quarter}季度完成规范性文件定期清理。",
                    records=[government],
                )
            )
    return findings
