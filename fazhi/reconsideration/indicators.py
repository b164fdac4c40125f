"""Indicators and compliance checks of the reconsideration register (docs/rules.md §15, A6).

Counts take the case's own dates: received (收到申请日期), accepted (受理日期), closed (办结日期).
Every rate is registered with its formula; where practice varies, every variant is registered
and the default follows the 2018 national usage (I1) for 纠错率 and variant A for 维持率 (I3).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q, Window

from fazhi.indicators.registry import (
    Dimension,
    Finding,
    Kind,
    add_dimensions,
    compliance_check,
    computed,
    derived,
    rate,
    relation,
    unit_level_dimension,
)
from fazhi.reconsideration.models import (
    CORRECTING_OUTCOMES,
    MEDIATED_OR_SETTLED_OUTCOMES,
    MERITS_OUTCOMES,
    OPEN_ACCEPTED_STATES,
    AdministrativeField,
    CaseStatus,
    OpinionLetter,
    Outcome,
    ReconsiderationCase,
)
from fazhi.reconsideration.selectors import breakdown_counts

DOMAIN = "复议应诉"
Case = ReconsiderationCase


def _cases(scope):
    return Case.objects.filter(unit__in=scope.units)


def _closed(scope):
    return _cases(scope).filter(status=CaseStatus.CLOSED, closed_on__range=(scope.start, scope.end))


@computed(
    code="reconsideration.received",
    name="行政复议新收案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内收到的行政复议申请数（按收到申请日期，含不予受理、视为放弃和转送的申请）",
)
def received(scope):
    return _cases(scope).filter(received_on__range=(scope.start, scope.end))


@computed(
    code="reconsideration.accepted",
    name="行政复议受理案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内受理（含依第三十条第三款视为受理）的案件数（按受理日期）",
)
def accepted(scope):
    return _cases(scope).filter(accepted_on__range=(scope.start, scope.end))


@computed(
    code="reconsideration.not_accepted",
    name="不予受理案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内决定不予受理的申请数（按不予受理决定日期，《行政复议法》第三十条第二款）",
)
def not_accepted(scope):
    return _cases(scope).filter(
        status=CaseStatus.NOT_ACCEPTED, not_accepted_on__range=(scope.start, scope.end)
    )


@computed(
    code="reconsideration.carried_over",
    name="上年结转案件",
    domain=DOMAIN,
    measure="件",
    formula="年初尚未办结的已受理案件数：受理日期早于年初，且年初前未办结",
)
def carried_over(scope):
    return (
        _cases(scope)
        .filter(accepted_on__lt=scope.start)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=scope.start))
    )


@computed(
    code="reconsideration.pending_at_year_end",
    name="结转下年案件",
    domain=DOMAIN,
    measure="件",
    kind=Kind.STOCK,
    formula="年末尚未办结的已受理案件数：受理日期不晚于年末，且年末前未办结（含中止审理的案件）",
)
def pending_at_year_end(scope):
    return (
        _cases(scope)
        .filter(accepted_on__lte=scope.end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=scope.end))
    )


@computed(
    code="reconsideration.closed",
    name="行政复议办结案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内办结的已受理案件数（按作出决定、调解书或终止决定的日期；含上年结转案件）",
)
def closed(scope):
    return _closed(scope)


@computed(
    code="reconsideration.corrected",
    name="行政复议纠错案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内办结且决定变更、撤销或部分撤销、确认违法、确认无效、责令履行（含依第七十条作出的决定）或行政协议责令承担责任、补偿的案件数",
)
def corrected(scope):
    return _closed(scope).filter(outcome__in=CORRECTING_OUTCOMES)


CORRECTED_BY_TYPE = [
    ("varied", "变更", (Outcome.VARIED,)),
    ("revoked", "撤销或部分撤销", (Outcome.REVOKED, Outcome.PARTLY_REVOKED)),
    ("declared_unlawful", "确认违法", (Outcome.DECLARED_UNLAWFUL,)),
    ("declared_void", "确认无效", (Outcome.DECLARED_VOID,)),
    ("ordered_to_perform", "责令履行", (Outcome.ORDERED_TO_PERFORM,)),
    (
        "agreement",
        "行政协议责令承担责任或补偿",
        (Outcome.AGREEMENT_LIABILITY, Outcome.AGREEMENT_COMPENSATION),
    ),
]


def _register_corrected_type(suffix: str, label: str, outcomes: tuple) -> None:
    @computed(
        code=f"reconsideration.corrected_{suffix}",
        name=f"纠错案件：{label}",
        domain=DOMAIN,
        measure="件",
        formula=f"年度内办结且决定{label}的案件数",
    )
    def by_type(scope):
        return _closed(scope).filter(outcome__in=outcomes)


for _suffix, _label, _outcomes in CORRECTED_BY_TYPE:
    _register_corrected_type(_suffix, _label, _outcomes)

relation(
    code="reconsideration.corrected_by_type_sum",
    name="纠错各类型之和 = 纠错案件",
    left=[f"reconsideration.corrected_{s}" for s, _l, _o in CORRECTED_BY_TYPE],
    op="==",
    right=["reconsideration.corrected"],
)


@computed(
    code="reconsideration.upheld",
    name="决定维持案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内办结且决定维持的案件数（《行政复议法》第六十八条）",
)
def upheld(scope):
    return _closed(scope).filter(outcome=Outcome.UPHELD)


@computed(
    code="reconsideration.claim_dismissed",
    name="驳回复议请求案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内办结且决定驳回行政复议请求的案件数（《行政复议法》第六十九条）",
)
def claim_dismissed(scope):
    return _closed(scope).filter(outcome=Outcome.CLAIM_DISMISSED)


@computed(
    code="reconsideration.merits_decisions",
    name="作出实体决定的案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内办结且作出实体决定的案件数：纠错 + 维持 + 驳回复议请求（不含调解、和解、撤回、终止和驳回申请）",
)
def merits_decisions(scope):
    return _closed(scope).filter(outcome__in=MERITS_OUTCOMES)


@computed(
    code="reconsideration.mediated_or_settled",
    name="调解和解案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内以调解书结案或和解后撤回申请终止的案件数（《行政复议法》第七十三条、第七十四条）",
)
def mediated_or_settled(scope):
    return _closed(scope).filter(outcome__in=MEDIATED_OR_SETTLED_OUTCOMES)


@computed(
    code="reconsideration.other_closures",
    name="撤回、终止及驳回申请案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内以撤回申请终止、其他情形终止或驳回申请（第三十三条、第四十一条）结案的案件数",
)
def other_closures(scope):
    return _closed(scope).filter(
        outcome__in=(Outcome.WITHDRAWN, Outcome.TERMINATED, Outcome.APPLICATION_DISMISSED)
    )


relation(
    code="reconsideration.closed_by_outcome_sum",
    name="实体决定 + 调解和解 + 撤回终止驳回申请 = 办结",
    left=[
        "reconsideration.merits_decisions",
        "reconsideration.mediated_or_settled",
        "reconsideration.other_closures",
    ],
    op="==",
    right=["reconsideration.closed"],
)

derived(
    code="reconsideration.upheld_or_claim_dismissed",
    name="维持及驳回复议请求案件",
    domain=DOMAIN,
    measure="件",
    terms={"reconsideration.upheld": 1, "reconsideration.claim_dismissed": 1},
    formula="维持 + 驳回复议请求",
)
derived(
    code="reconsideration.closed_not_corrected",
    name="办结未纠错案件",
    domain=DOMAIN,
    measure="件",
    terms={"reconsideration.closed": 1, "reconsideration.corrected": -1},
    formula="办结 − 纠错（含调解和解、撤回、终止）",
)

# 纠错率 (I1 default; A6 variant over all closed cases).
rate(
    code="reconsideration.correction_rate.merits",
    name="行政复议纠错率",
    numerator="reconsideration.corrected",
    denominator="reconsideration.merits_decisions",
    domain=DOMAIN,
    formula="纠错 ÷ 作出实体决定的案件（纠错 + 维持 + 驳回复议请求）× 100%；调解、和解、撤回、终止不计入分母（司法部2018年口径）",
    variant_of="reconsideration.correction_rate",
    variant_label="实体决定口径（默认）",
    default=True,
)
rate(
    code="reconsideration.correction_rate.closed",
    name="行政复议纠错率（办结口径）",
    numerator="reconsideration.corrected",
    denominator="reconsideration.closed",
    domain=DOMAIN,
    formula="纠错 ÷ 全部办结案件 × 100%",
    variant_of="reconsideration.correction_rate",
    variant_label="办结口径",
)

# 维持率 (I3): no official definition; every reading is computed and labelled.
rate(
    code="reconsideration.upheld_rate.a",
    name="行政复议维持率（口径A）",
    numerator="reconsideration.upheld",
    denominator="reconsideration.merits_decisions",
    domain=DOMAIN,
    formula="口径A：维持 ÷ 作出实体决定的案件 × 100%",
    variant_of="reconsideration.upheld_rate",
    variant_label="口径A：维持÷实体决定",
    default=True,
)
rate(
    code="reconsideration.upheld_rate.b",
    name="行政复议维持率（口径B）",
    numerator="reconsideration.upheld_or_claim_dismissed",
    denominator="reconsideration.merits_decisions",
    domain=DOMAIN,
    formula="口径B：（维持 + 驳回复议请求）÷ 作出实体决定的案件 × 100%（行诉解释第一百三十三条将驳回视为维持）",
    variant_of="reconsideration.upheld_rate",
    variant_label="口径B：(维持+驳回复议请求)÷实体决定",
)
rate(
    code="reconsideration.upheld_rate.c",
    name="行政复议未纠错率（口径C）",
    numerator="reconsideration.closed_not_corrected",
    denominator="reconsideration.closed",
    domain=DOMAIN,
    formula="口径C：（办结 − 纠错）÷ 办结 × 100%（把调解和解、撤回终止都算作“维持”，常见于手工统计）",
    variant_of="reconsideration.upheld_rate",
    variant_label="口径C：(办结−纠错)÷办结",
)
rate(
    code="reconsideration.mediation_rate",
    name="调撤结案率",
    numerator="reconsideration.mediated_or_settled",
    denominator="reconsideration.closed",
    domain=DOMAIN,
    formula="（调解书结案 + 和解撤回终止）÷ 办结 × 100%（2024年行政复议白皮书口径）",
)


@computed(
    code="reconsideration.closed_on_time",
    name="在法定期限内办结的案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内办结且办结日期不晚于决定期限（六十日或三十日，扣除中止期间，加上批准的延期）的案件数",
)
def closed_on_time(scope):
    return _closed(scope).filter(decided_on_time=True)


rate(
    code="reconsideration.on_time_rate",
    name="行政复议按期办结率",
    numerator="reconsideration.closed_on_time",
    denominator="reconsideration.closed",
    domain=DOMAIN,
    formula="在法定期限内办结的案件 ÷ 办结案件 × 100%（《行政复议法》第六十二条）",
)


def _register_field(value: str, label: str) -> None:
    @computed(
        code=f"reconsideration.received_field_{value}",
        name=f"新收案件：{label}领域",
        domain=DOMAIN,
        measure="件",
        formula=f"年度内收到的、被申请复议的行政行为属于{label}领域的申请数",
    )
    def by_field(scope):
        return received(scope).filter(field=value)


for _value, _label in AdministrativeField.choices:
    _register_field(_value, _label)

relation(
    code="reconsideration.received_by_field_sum",
    name="各领域新收案件之和 = 新收案件",
    left=[f"reconsideration.received_field_{v}" for v in AdministrativeField.values],
    op="==",
    right=["reconsideration.received"],
)


# --- compliance checks ------------------------------------------------------------------------


@compliance_check(
    code="reconsideration.respondents_corrected",
    name="行政行为被复议纠错的单位",
    domain=DOMAIN,
    citation="《行政复议法》第六十三条至第六十七条",
)
def respondents_corrected(scope):
    """A breakdown by respondent unit of the year's corrected cases, one finding per unit
    (the corrected cases and the counts of every unit read together)."""
    cases = _cases(scope)
    corrected_cases, rows = yield (
        cases.filter(
            status=CaseStatus.CLOSED,
            closed_on__range=(scope.start, scope.end),
            outcome__in=CORRECTING_OUTCOMES,
        ).select_related("respondent_unit"),
        breakdown_counts(cases, by="respondent_unit", start=scope.start, end=scope.end).filter(
            corrected__gt=0
        ),
    )
    corrected: dict[int, list] = defaultdict(list)
    for case in corrected_cases:
        corrected[case.respondent_unit_id].append(case)
    findings = []
    for row in rows:
        items = corrected[row["respondent_unit"]]
        unit = items[0].respondent_unit
        findings.append(
            Finding(
                unit=unit,
                message=(
                    f"{unit.name}：年度内被申请复议 {row['received']} 件，办结 {row['closed']} 件，"
                    f"其中被纠错 {row['corrected']} 件。"
                ),
                records=items,
                figures={k: row[k] for k in ("received", "closed", "corrected")},
                severity="info",
            )
        )
    return findings


@compliance_check(
    code="reconsideration.overdue_decisions",
    name="行政复议超期未结或超期办结",
    domain=DOMAIN,
    citation="《行政复议法》第六十二条",
)
def overdue_decisions(scope):
    """Cases closed after their decision period, and accepted cases open past it at year end
    (《行政复议法》第六十二条); each listed with at most 50 cases and its full count."""
    late_closed = _closed(scope).filter(decided_on_time=False)
    open_late = _cases(scope).filter(
        status__in=[s for s in OPEN_ACCEPTED_STATES if s != CaseStatus.SUSPENDED],
        decision_due_on__lt=scope.end,
        accepted_on__lte=scope.end,
    )
    closed_rows, open_rows = yield (_first_50(late_closed), _first_50(open_late))
    findings = []
    if closed_rows:
        total = closed_rows[0].total
        findings.append(
            Finding(
                message=f"年度内有 {total} 件复议案件超过法定期限办结。",
                records=closed_rows,
                figures={"closed_late": total},
            )
        )
    if open_rows:
        total = open_rows[0].total
        findings.append(
            Finding(
                message=f"截至年末有 {total} 件复议案件超过决定期限仍未办结。",
                records=open_rows,
                figures={"open_overdue": total},
            )
        )
    return findings


def _first_50(cases):
    """The first 50 cases, each annotated with the count of all (`total`)."""
    return cases.annotate(total=Window(Count("pk")))[:50]


@compliance_check(
    code="reconsideration.missed_replies",
    name="被申请人未按期答复",
    domain=DOMAIN,
    citation="《行政复议法》第四十八条、第七十条、第八十二条",
)
def missed_replies(scope) -> list[Finding]:
    cases = (
        yield _cases(scope)
        .filter(reply_missed=True, accepted_on__range=(scope.start, scope.end))
        .select_related("respondent_unit")
    )
    findings = []
    by_unit: dict = {}
    for case in cases:
        by_unit.setdefault(case.respondent_unit, []).append(case)
    for unit, items in by_unit.items():
        findings.append(
            Finding(
                unit=unit,
                message=f"{unit.name}在 {len(items)} 件复议案件中未按期提出书面答复、提交证据依据。",
                records=items,
                figures={"cases": len(items)},
            )
        )
    return findings


@compliance_check(
    code="reconsideration.opinion_letters_unanswered",
    name="意见书逾期未报送纠正情况",
    domain=DOMAIN,
    citation="《行政复议法》第七十六条",
)
def opinion_letters_unanswered(scope) -> list[Finding]:
    letters = yield OpinionLetter.objects.filter(
        unit__in=scope.units, replied_on__isnull=True, reply_due_on__lt=scope.end
    ).select_related("recipient_unit", "case")
    return [
        Finding(
            unit=letter.recipient_unit,
            message=f"{letter.recipient_unit.name}收到行政复议意见书（{letter.case.case_number}）后，逾期（{letter.reply_due_on:%Y-%m-%d}）未报送纠正情况。",
            records=[letter],
        )
        for letter in letters
    ]


# --- breakdowns (issue 16): how the counts split; the backbone adds shares and checks that the
# parts add up to the total (fazhi/indicators/breakdown.py) ----------------------------------
ACT_TYPE_DIMENSION = Dimension("act_type", "行政行为类型")
FIELD_DIMENSION = Dimension("field", "行政管理领域")
RESPONDENT_LEVEL_DIMENSION = unit_level_dimension(
    "respondent_level", "被申请人层级", "respondent_unit__kind"
)
RESPONDENT_DIMENSION = Dimension("respondent", "被申请人", "respondent_unit")
OUTCOME_DIMENSION = Dimension("outcome", "结案方式")

for _code in (
    "reconsideration.received",
    "reconsideration.accepted",
    "reconsideration.not_accepted",
    "reconsideration.closed",
    "reconsideration.corrected",
    "reconsideration.upheld",
    "reconsideration.claim_dismissed",
    "reconsideration.merits_decisions",
    "reconsideration.mediated_or_settled",
    "reconsideration.other_closures",
    "reconsideration.closed_on_time",
    "reconsideration.pending_at_year_end",
    "reconsideration.carried_over",
):
    add_dimensions(
        _code, ACT_TYPE_DIMENSION, FIELD_DIMENSION, RESPONDENT_LEVEL_DIMENSION, RESPONDENT_DIMENSION
    )
for _code in (
    "reconsideration.closed",
    "reconsideration.corrected",
    "reconsideration.merits_decisions",
    "reconsideration.mediated_or_settled",
    "reconsideration.other_closures",
    "reconsideration.closed_on_time",
):
    add_dimensions(_code, OUTCOME_DIMENSION)
