"""Indicators and compliance checks of the litigation register (docs/rules.md I4, I5; Y3)."""

from __future__ import annotations

from fazhi.indicators.registry import (
    Dimension,
    Finding,
    add_dimensions,
    compliance_check,
    computed,
    rate,
    unit_level_dimension,
)
from fazhi.litigation.models import (
    LOSING_JUDGMENTS,
    RULINGS,
    Appearance,
    Instance,
    JudgmentType,
    Lawsuit,
    LawsuitHearing,
)

DOMAIN = "复议应诉"


def _lawsuits(scope):
    return Lawsuit.objects.filter(unit__in=scope.units)


@computed(
    code="litigation.first_instance",
    name="行政诉讼一审案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内立案的、以本级行政机关为被告的一审行政诉讼案件数（按立案日期）",
)
def first_instance(scope):
    return _lawsuits(scope).filter(
        instance=Instance.FIRST, filed_on__range=(scope.start, scope.end)
    )


@computed(
    code="litigation.appeal",
    name="行政诉讼二审案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内立案的二审行政诉讼案件数（按二审立案日期）",
)
def appeal(scope):
    return _lawsuits(scope).filter(
        instance=Instance.APPEAL, filed_on__range=(scope.start, scope.end)
    )


def _hearings(scope):
    return LawsuitHearing.objects.filter(
        lawsuit__unit__in=scope.units, held_on__range=(scope.start, scope.end)
    )


@computed(
    code="litigation.hearings",
    name="开庭审理场次",
    domain=DOMAIN,
    measure="次",
    formula="年度内开庭审理的场次（一审、二审）",
)
def hearings(scope):
    return _hearings(scope)


@computed(
    code="litigation.hearings_with_head",
    name="负责人出庭应诉场次",
    domain=DOMAIN,
    measure="次",
    formula="年度内行政机关负责人（正职、副职或其他参与分管的负责人，登记姓名和职务）出庭的场次；仅律师或工作人员出庭的不计入",
)
def hearings_with_head(scope):
    return (
        _hearings(scope)
        .filter(appearance=Appearance.HEAD)
        .exclude(head_name="")
        .exclude(head_rank="")
    )


@computed(
    code="litigation.heard_lawsuits",
    name="开庭审理的案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内至少开庭一次的案件数",
)
def heard_lawsuits(scope):
    return _lawsuits(scope).filter(pk__in=_hearings(scope).values("lawsuit"))


@computed(
    code="litigation.lawsuits_with_head",
    name="负责人出庭应诉的案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内至少有一次负责人出庭的案件数",
)
def lawsuits_with_head(scope):
    return _lawsuits(scope).filter(pk__in=hearings_with_head(scope).values("lawsuit"))


rate(
    code="litigation.head_appearance_rate.hearing",
    name="负责人出庭应诉率",
    numerator="litigation.hearings_with_head",
    denominator="litigation.hearings",
    domain=DOMAIN,
    formula="负责人出庭的场次 ÷ 开庭场次 × 100%（按场次；仅律师出庭不计为负责人出庭，行诉解释第一百二十八条）",
    variant_of="litigation.head_appearance_rate",
    variant_label="按开庭场次（默认）",
    default=True,
)
rate(
    code="litigation.head_appearance_rate.case",
    name="负责人出庭应诉率（按案件）",
    numerator="litigation.lawsuits_with_head",
    denominator="litigation.heard_lawsuits",
    domain=DOMAIN,
    formula="至少有一次负责人出庭的案件 ÷ 开庭审理的案件 × 100%",
    variant_of="litigation.head_appearance_rate",
    variant_label="按案件",
)


def _concluded(scope):
    return (
        _lawsuits(scope)
        .filter(instance=Instance.FIRST, judgment_on__range=(scope.start, scope.end))
        .exclude(judgment_type="")
    )


@computed(
    code="litigation.first_instance_concluded",
    name="一审审结案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内一审作出判决、裁定或调解的案件数（按裁判日期）",
)
def first_instance_concluded(scope):
    return _concluded(scope)


@computed(
    code="litigation.first_instance_adjudicated",
    name="一审判决案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内一审审结的案件中，除裁定准予撤诉、驳回起诉以外的案件数",
)
def first_instance_adjudicated(scope):
    return _concluded(scope).exclude(judgment_type__in=RULINGS)


@computed(
    code="litigation.first_instance_lost",
    name="一审败诉案件",
    domain=DOMAIN,
    measure="件",
    formula="年度内一审判决撤销、部分撤销、变更、确认违法或无效、责令履行、给付、补救或赔偿、行政协议责任的案件数",
)
def first_instance_lost(scope):
    return _concluded(scope).filter(judgment_type__in=LOSING_JUDGMENTS)


rate(
    code="litigation.loss_rate.concluded",
    name="行政诉讼败诉率",
    numerator="litigation.first_instance_lost",
    denominator="litigation.first_instance_concluded",
    domain=DOMAIN,
    formula="一审败诉案件 ÷ 一审审结案件 × 100%",
    variant_of="litigation.loss_rate",
    variant_label="审结口径（默认）",
    default=True,
)
rate(
    code="litigation.loss_rate.adjudicated",
    name="行政诉讼败诉率（不含撤诉、驳回起诉）",
    numerator="litigation.first_instance_lost",
    denominator="litigation.first_instance_adjudicated",
    domain=DOMAIN,
    formula="一审败诉案件 ÷（一审审结 − 准予撤诉 − 驳回起诉）× 100%",
    variant_of="litigation.loss_rate",
    variant_label="不含撤诉、驳回起诉",
)


@compliance_check(
    code="litigation.head_absent",
    name="负责人应出庭而未出庭或仅委托律师出庭",
    domain=DOMAIN,
    citation="《行政诉讼法》第三条第三款；行诉解释第一百二十八条、第一百二十九条、第一百三十二条",
)
def head_absent(scope) -> list[Finding]:
    findings = []
    rows = (
        yield _hearings(scope)
        .select_related("lawsuit", "lawsuit__defendant_unit")
        .exclude(appearance=Appearance.HEAD)
    )
    for hearing in rows:
        lawsuit = hearing.lawsuit
        mandatory = lawsuit.court_requested_head or lawsuit.is_major_public_interest
        if hearing.appearance in (Appearance.LAWYER_ONLY, Appearance.NONE) or mandatory:
            reason = (
                "仅委托律师出庭"
                if hearing.appearance == Appearance.LAWYER_ONLY
                else (
                    "无人出庭"
                    if hearing.appearance == Appearance.NONE
                    else "负责人应当出庭而未出庭"
                )
            )
            findings.append(
                Finding(
                    unit=lawsuit.defendant_unit,
                    message=f"{lawsuit.defendant_unit.name}在{lawsuit.court_case_number}（{hearing.held_on:%Y-%m-%d}开庭）{reason}。",
                    records=[lawsuit],
                )
            )
    return findings


@compliance_check(
    code="litigation.judgments_lost",
    name="行政诉讼败诉的单位",
    domain=DOMAIN,
    citation="《行政诉讼法》第七十条至第七十八条",
)
def judgments_lost(scope) -> list[Finding]:
    by_unit: dict = {}
    lost = yield (
        _concluded(scope)
        .filter(judgment_type__in=LOSING_JUDGMENTS)
        .select_related("defendant_unit")
    )
    for lawsuit in lost:
        by_unit.setdefault(lawsuit.defendant_unit, []).append(lawsuit)
    return [
        Finding(
            unit=unit,
            message=f"{unit.name}一审败诉 {len(items)} 件（{'、'.join(JudgmentType(x.judgment_type).label for x in items)}）。",
            records=items,
            figures={"lost": len(items)},
            severity="info",
        )
        for unit, items in by_unit.items()
    ]


# --- breakdowns (issue 16): by defendant level and unit, and first-instance results ------------
DEFENDANT_LEVEL_DIMENSION = unit_level_dimension(
    "defendant_level", "被告层级", "defendant_unit__kind"
)
DEFENDANT_DIMENSION = Dimension("defendant", "被告", "defendant_unit")
JUDGMENT_DIMENSION = Dimension("judgment_type", "裁判结果")

for _code in (
    "litigation.first_instance",
    "litigation.appeal",
    "litigation.first_instance_concluded",
):
    add_dimensions(_code, DEFENDANT_LEVEL_DIMENSION, DEFENDANT_DIMENSION)
for _code in ("litigation.first_instance_concluded", "litigation.first_instance_lost"):
    add_dimensions(_code, JUDGMENT_DIMENSION, DEFENDANT_LEVEL_DIMENSION)


# --- 以区政府为被告 (issue 16): the seed's 负责人出庭率 counts the lawsuits in which the district
# government is the defendant, whoever keeps the record. Registered as a variant beside the
# all-lawsuits one; which variant is the default is the litigation register's decision.
def _government_hearings(scope):
    return LawsuitHearing.objects.filter(
        lawsuit__defendant_unit__in=scope.governments, held_on__range=(scope.start, scope.end)
    )


@computed(
    code="litigation.hearings_government",
    name="以区政府为被告的开庭场次",
    domain=DOMAIN,
    measure="次",
    formula="年度内开庭审理、以本级人民政府为被告的行政诉讼场次（不论由哪个单位登记）",
)
def hearings_government(scope):
    return _government_hearings(scope)


@computed(
    code="litigation.hearings_government_with_head",
    name="以区政府为被告且负责人出庭的场次",
    domain=DOMAIN,
    measure="次",
    formula="以本级人民政府为被告的开庭场次中，行政机关负责人（登记姓名和职务）出庭的场次",
)
def hearings_government_with_head(scope):
    return (
        _government_hearings(scope)
        .filter(appearance=Appearance.HEAD)
        .exclude(head_name="")
        .exclude(head_rank="")
    )


rate(
    code="litigation.head_appearance_rate.government",
    name="负责人出庭应诉率（以区政府为被告）",
    numerator="litigation.hearings_government_with_head",
    denominator="litigation.hearings_government",
    domain=DOMAIN,
    formula="以本级人民政府为被告的案件中负责人出庭的场次 ÷ 其开庭场次 × 100%（种子报告“以区政府为被告的案件”口径）",
    variant_of="litigation.head_appearance_rate",
    variant_label="以区政府为被告（按开庭场次）",
)
