"""Indicators and compliance checks of the enforcement register (seed 一(四), problem 四).

The four codes the backbone shipped as returned placeholders (`enforcement.exam_passed`,
`.officers_removed`, `.training_participants`, `.case_file_reviews`) are declared here as
computed indicators of the same code: they now read the register's records. Averages
(hours per participant, score per file, cases per officer) are computed in SQL for each scope
(never averaged over units) and carried by one row of the scope, so the figure is the ratio.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Func, Subquery, Value
from django.db.models.functions import Cast, NullIf, Round

from fazhi.core.models import Unit
from fazhi.enforcement import conf, queries
from fazhi.enforcement.models import (
    EnforcementCase,
    ExamRegistration,
    Grade,
    Officer,
    Removal,
    ReviewCampaign,
    ScoreSheet,
    SheetState,
    TrainingAttendance,
    TrainingSession,
)
from fazhi.indicators.registry import Finding, Kind, Summed, compliance_check, computed, rate

DOMAIN = "行政执法"
SHARE = DecimalField(max_digits=20, decimal_places=6)


def _count_of(queryset):
    """`SELECT COUNT(*)` of a queryset, as a scalar subquery (0 → NULL: no division by 0)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return NullIf(Subquery(counted), Value(0))


def _sum_of(queryset, field: str):
    summed = queryset.order_by().annotate(t=Func(F(field), function="SUM")).values("t")
    return Subquery(summed, output_field=SHARE)


def _average(rows, field: str, count_queryset, places: int = 1) -> Summed:
    """An average as a figure: the ratio, rounded, carried by the first of `rows` (one row, so
    the backbone's sum is the ratio itself; no rows, no figure). Recomputed for every scope."""
    first = rows.order_by("pk").values("pk")[:1]
    ratio = ExpressionWrapper(
        Cast(_sum_of(rows, field), SHARE) / _count_of(count_queryset), output_field=SHARE
    )
    carrier = rows.model.objects.filter(pk__in=Subquery(first)).annotate(ratio=Round(ratio, places))
    return Summed(carrier, "ratio")


# --- officers and exams ----------------------------------------------------------------------


@computed(
    code="enforcement.officers_certified",
    name="持证行政执法人员",
    domain=DOMAIN,
    measure="人",
    kind=Kind.STOCK,
    formula="期末在岗、持有有效行政执法证的行政执法人员数（不含执法辅助人员）",
)
def officers_certified(scope):
    return queries.certified_officers(scope.units, scope.end)


@computed(
    code="enforcement.exam_registrations",
    name="执法资格考试报名",
    domain=DOMAIN,
    measure="人次",
    formula="年度内举行的各次行政执法资格考试的报名人次之和",
)
def exam_registrations(scope):
    return queries.registrations_in(scope.units, scope.start, scope.end)


@computed(
    code="enforcement.exam_sat",
    name="执法资格考试参考",
    domain=DOMAIN,
    measure="人次",
    formula="年度内各次行政执法资格考试已登记成绩的人次之和",
)
def exam_sat(scope):
    return queries.registrations_in(scope.units, scope.start, scope.end).filter(
        passed__isnull=False
    )


@computed(
    code="enforcement.exam_passed",
    name="执法资格考试通过",
    domain=DOMAIN,
    measure="人",
    formula="年度内各次行政执法资格考试合格人数之和（按考试日期）",
)
def exam_passed(scope):
    return ExamRegistration.objects.filter(
        unit__in=scope.units, sitting__held_on__range=(scope.start, scope.end), passed=True
    )


rate(
    code="enforcement.exam_pass_rate",
    name="执法资格考试通过率",
    numerator="enforcement.exam_passed",
    denominator="enforcement.exam_sat",
    domain=DOMAIN,
    formula="考试合格人次 ÷ 已登记成绩的参考人次",
)


@computed(
    code="enforcement.officers_removed",
    name="清理不在编不在岗执法人员",
    domain=DOMAIN,
    measure="名",
    formula="年度内清理（注销执法证）的不在编不在岗、已调离离职或执法证过期人员数（按清理日期）",
)
def officers_removed(scope):
    return Removal.objects.filter(unit__in=scope.units, removed_on__range=(scope.start, scope.end))


# --- training --------------------------------------------------------------------------------


def _attendances(scope):
    return TrainingAttendance.objects.filter(
        unit__in=scope.units, session__held_on__range=(scope.start, scope.end)
    )


@computed(
    code="enforcement.training_sessions",
    name="执法培训（大讲堂）期数",
    domain=DOMAIN,
    measure="期",
    formula="年度内组织的行政执法培训期数（按组织单位）",
)
def training_sessions(scope):
    return TrainingSession.objects.filter(
        unit__in=scope.units, held_on__range=(scope.start, scope.end)
    )


@computed(
    code="enforcement.training_participants",
    name="执法大讲堂参训人员",
    domain=DOMAIN,
    measure="人",
    formula="年度内参加行政执法培训的执法人员人数（一人参加多期计一人）",
)
def training_participants(scope):
    return Officer.objects.filter(pk__in=_attendances(scope).values("officer_id"))


@computed(
    code="enforcement.training_attendances",
    name="执法培训参训人次",
    domain=DOMAIN,
    measure="人次",
    formula="年度内各期行政执法培训签到人次之和",
)
def training_attendances(scope):
    return _attendances(scope)


@computed(
    code="enforcement.training_hours",
    name="执法培训学时",
    domain=DOMAIN,
    measure="学时",
    kind=Kind.SUM,
    formula="年度内各期行政执法培训签到人员所获学时之和",
)
def training_hours(scope):
    return Summed(_attendances(scope), "hours")


@computed(
    code="enforcement.training_hours_per_participant",
    name="参训人员人均培训学时",
    domain=DOMAIN,
    measure="学时",
    kind=Kind.SUM,
    formula="年度内培训学时之和 ÷ 参训人员人数",
)
def training_hours_per_participant(scope):
    participants = Officer.objects.filter(pk__in=_attendances(scope).values("officer_id"))
    return _average(_attendances(scope), "hours", participants)


# --- the ledger and the case-file review -----------------------------------------------------


def _closed_cases(scope):
    return EnforcementCase.objects.filter(
        unit__in=scope.units, closed_on__range=(scope.start, scope.end)
    )


@computed(
    code="enforcement.cases_closed",
    name="办结行政许可、行政处罚案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内办结并登记台账的行政许可、行政处罚案件数（按结案日期）",
)
def cases_closed(scope):
    return _closed_cases(scope)


@computed(
    code="enforcement.cases_per_officer",
    name="持证执法人员人均办案",
    domain=DOMAIN,
    measure="件",
    kind=Kind.SUM,
    formula="年度内办结案件数 ÷ 期末持证行政执法人员数",
)
def cases_per_officer(scope):
    cases = _closed_cases(scope).annotate(one=Value(1))
    return _average(cases, "one", queries.certified_officers(scope.units, scope.end))


@computed(
    code="enforcement.case_file_reviews",
    name="行政执法案卷评查",
    domain=DOMAIN,
    measure="次",
    formula="年度内组织的行政执法案卷评查次数（按评查日期，组织单位计）",
)
def case_file_reviews(scope):
    return ReviewCampaign.objects.filter(
        unit__in=scope.units, held_on__range=(scope.start, scope.end)
    )


def _scored(scope):
    return ScoreSheet.objects.filter(
        unit__in=scope.units,
        campaign__held_on__range=(scope.start, scope.end),
        state=SheetState.SCORED,
    )


@computed(
    code="enforcement.files_reviewed",
    name="评查案卷",
    domain=DOMAIN,
    measure="件",
    formula="年度内组织的案卷评查中已评定的案卷数（按被评查单位）",
)
def files_reviewed(scope):
    return _scored(scope)


@computed(
    code="enforcement.files_failing",
    name="评查不合格案卷",
    domain=DOMAIN,
    measure="件",
    formula="已评定案卷中等次为不合格的案卷数（得分低于合格线或否决项成立）",
)
def files_failing(scope):
    return _scored(scope).filter(grade=Grade.FAIL)


rate(
    code="enforcement.file_failing_rate",
    name="评查案卷不合格率",
    numerator="enforcement.files_failing",
    denominator="enforcement.files_reviewed",
    domain=DOMAIN,
    formula="不合格案卷数 ÷ 已评定案卷数",
)


@computed(
    code="enforcement.average_score",
    name="评查案卷平均得分",
    domain=DOMAIN,
    measure="分",
    kind=Kind.SUM,
    formula="已评定案卷得分之和 ÷ 已评定案卷数",
)
def average_score(scope):
    return _average(_scored(scope), "score", _scored(scope))


# --- compliance checks (problem 四: 执法力量有待增强) -----------------------------------------


@compliance_check(
    code="enforcement.units_short_of_officers",
    name="持证行政执法人员未达到配备标准的单位",
    domain=DOMAIN,
    citation="《中华人民共和国行政处罚法》第四十二条",
)
def units_short_of_officers(scope) -> list[Finding]:
    """Enforcement units with fewer certified officers at year end than their norm (conf, U):
    below it a unit cannot staff its cases with two certified officers (E1)."""
    counted, domains, units = yield queries.officer_norm_reads(scope.units, scope.end)
    return [
        Finding(
            unit=unit,
            message=f"{unit.name}{scope.end:%Y年%m月%d日}持有效执法证的行政执法人员{count}名，"
            f"低于配备标准{norm}名。",
            records=[unit],
            figures={"certified": count, "norm": norm},
        )
        for unit, count, norm in queries.short_of_norm(counted, domains, units)
    ]


@compliance_check(
    code="enforcement.low_exam_pass_rate",
    name="执法资格考试通过率偏低的单位",
    domain=DOMAIN,
    citation="《湖南省行政执法人员和行政执法辅助人员管理办法》",
)
def low_exam_pass_rate(scope) -> list[Finding]:
    """Units whose candidates passed below the configured rate (U) in the year's sittings."""
    minimum = Decimal(str(conf.setting("min_pass_rate")))
    floor = int(conf.setting("pass_rate_min_sat"))
    registrations = queries.registrations_in(scope.units, scope.start, scope.end)
    rows, units = yield (
        queries.pass_count_rows(scope.units, scope.start, scope.end),
        Unit.objects.filter(pk__in=registrations.values("unit_id")),
    )
    counts = {row["unit_id"]: (row["sat"], row["passed"]) for row in rows}
    units = {u.pk: u for u in units}
    findings = []
    for unit_id, (sat, passed) in sorted(counts.items(), key=lambda kv: units[kv[0]].name):
        pct = Decimal(passed) * 100 / sat
        if sat >= floor and pct < minimum:
            findings.append(
                Finding(
                    unit=units[unit_id],
                    message=f"{units[unit_id].name}{scope.year}年执法资格考试参考{sat}人次，"
                    f"合格{passed}人，通过率{pct:.2f}%，低于{minimum}%。",
                    records=[units[unit_id]],
                    figures={"sat": sat, "passed": passed, "rate": f"{pct:.2f}%"},
                )
            )
    return findings


@compliance_check(
    code="enforcement.lapsed_certificate_cases",
    name="执法证过期后仍参与办案",
    domain=DOMAIN,
    citation="《中华人民共和国行政处罚法》第四十二条",
)
def lapsed_certificate_cases(scope) -> list[Finding]:
    """Cases decided in the year by an officer whose certificate had run out (E1, E4)."""
    cases = (
        yield queries.cases_with_uncertified_officers(scope.units, scope.start, scope.end)
        .select_related("unit")
        .order_by("unit__name", "case_number")
    )
    by_unit: dict = {}
    for case in cases:
        by_unit.setdefault(case.unit, []).append(case)
    return [
        Finding(
            unit=unit,
            message=f"{unit.name}有{len(items)}件案件由执法证已过期或已注销的人员承办"
            f"（{'、'.join(c.case_number for c in items[:5])}{'等' if len(items) > 5 else ''}）。",
            records=items,
            figures={"cases": len(items)},
        )
        for unit, items in by_unit.items()
    ]
