"""Indicators of people's mediation (seed 一(五)): they take over the backbone's returned
`mediation.medical_*` placeholders, plus the official breakdowns by dispute type and source,
the success rate and the amount involved."""

from fazhi.indicators.registry import Kind, Summed, computed, rate
from fazhi.mediation.models import DisputeType, Source
from fazhi.mediation.selectors import mediated, succeeded

DOMAIN = "公共法律服务"
MEDIATED = "年度内经各方当事人同意开始调解的纠纷数，按开始调解日期计"
SUCCEEDED = "年度内调解协议生效（调解成功）的纠纷数，按生效日期计"


@computed(
    code="mediation.cases", name="人民调解纠纷", domain=DOMAIN, measure="起", formula=MEDIATED
)
def cases(scope):
    return mediated(scope.units, scope.start, scope.end)


@computed(
    code="mediation.success", name="人民调解成功", domain=DOMAIN, measure="起", formula=SUCCEEDED
)
def success(scope):
    return succeeded(scope.units, scope.start, scope.end)


rate(
    code="mediation.success_rate",
    name="人民调解成功率",
    numerator="mediation.success",
    denominator="mediation.cases",
    domain=DOMAIN,
    formula="调解成功纠纷数 ÷ 开始调解纠纷数",
)


@computed(
    code="mediation.amount",
    name="人民调解涉及金额",
    domain=DOMAIN,
    measure="万元",
    kind=Kind.SUM,
    formula="年度内开始调解的纠纷涉及金额之和（万元）",
)
def amount(scope):
    return Summed(mediated(scope.units, scope.start, scope.end), "amount")


@computed(
    code="mediation.medical_cases",
    name="医疗纠纷调解",
    domain=DOMAIN,
    measure="起",
    formula=f"{MEDIATED}，纠纷类型为医疗纠纷",
)
def medical_cases(scope):
    return mediated(scope.units, scope.start, scope.end).filter(dispute_type=DisputeType.MEDICAL)


@computed(
    code="mediation.medical_success",
    name="医疗纠纷调解成功",
    domain=DOMAIN,
    measure="起",
    formula=f"{SUCCEEDED}，纠纷类型为医疗纠纷",
)
def medical_success(scope):
    return succeeded(scope.units, scope.start, scope.end).filter(dispute_type=DisputeType.MEDICAL)


@computed(
    code="mediation.medical_amount",
    name="医疗纠纷调解涉及金额",
    domain=DOMAIN,
    measure="万元",
    kind=Kind.SUM,
    formula="年度内开始调解的医疗纠纷涉及金额之和（万元，两位小数）",
)
def medical_amount(scope):
    return Summed(medical_cases(scope), "amount")


def _by_type(value: str, label: str):
    @computed(
        code=f"mediation.cases_{value}",
        name=f"人民调解{label}",
        domain=DOMAIN,
        measure="起",
        formula=f"{MEDIATED}，纠纷类型为{label}",
    )
    def by_type(scope):
        return mediated(scope.units, scope.start, scope.end).filter(dispute_type=value)

    return by_type


def _by_source(value: str, label: str):
    @computed(
        code=f"mediation.cases_from_{value}",
        name=f"人民调解纠纷（{label}）",
        domain=DOMAIN,
        measure="起",
        formula=f"{MEDIATED}，来源为{label}",
    )
    def by_source(scope):
        return mediated(scope.units, scope.start, scope.end).filter(source=value)

    return by_source


for _value, _label in DisputeType.choices:
    if _value != DisputeType.MEDICAL:
        _by_type(_value, _label)
for _value, _label in Source.choices:
    _by_source(_value, _label)
