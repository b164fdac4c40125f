"""Indicators and compliance checks of the legal-advisor register (seed 一(五), 二(三))."""

from fazhi.advisors.models import VILLAGE_KINDS, AdvisorContract
from fazhi.advisors.selectors import departments_without_advisor
from fazhi.core.models import Unit, UnitKind
from fazhi.indicators.registry import Finding, Kind, compliance_check, computed, rate


@computed(
    code="advisors.village_contracts",
    name="续签村（社区）法律顾问合同",
    domain="公共法律服务",
    measure="个",
    kind=Kind.COUNT,
    formula="年度内签订（续签）法律顾问合同的村（社区）数，一个村（社区）计一次",
)
def village_contracts(scope):
    return (
        AdvisorContract.objects.filter(
            unit__in=scope.units,
            unit__kind__in=VILLAGE_KINDS,
            signed_on__range=(scope.start, scope.end),
        )
        .order_by("unit_id", "-signed_on")
        .distinct("unit_id")
    )


@computed(
    code="advisors.departments",
    name="区直部门数",
    domain="依法决策",
    measure="个",
    kind=Kind.STOCK,
    formula="期末在用的区直部门数",
)
def departments(scope):
    return Unit.objects.filter(pk__in=scope.units, kind=UnitKind.DEPARTMENT, active=True)


@computed(
    code="advisors.departments_covered",
    name="聘请法律顾问的区直部门",
    domain="依法决策",
    measure="个",
    kind=Kind.COUNT,
    formula="期间内有法律顾问合同在履行的区直部门数",
)
def departments_covered(scope):
    covered = AdvisorContract.objects.overlapping(scope.start, scope.end).values("unit_id")
    return Unit.objects.filter(pk__in=scope.units, kind=UnitKind.DEPARTMENT, active=True).filter(
        pk__in=covered
    )


rate(
    code="advisors.department_coverage_rate",
    name="区直部门法律顾问覆盖率",
    numerator="advisors.departments_covered",
    denominator="advisors.departments",
    domain="依法决策",
    formula="聘请法律顾问的区直部门数 ÷ 区直部门数",
)


@compliance_check(
    code="advisors.department_without_advisor",
    name="未聘请法律顾问的部门",
    domain="依法决策",
    citation="《关于推行法律顾问制度和公职律师公司律师制度的意见》",
)
def department_without_advisor(scope):
    uncovered = yield departments_without_advisor(scope.units, scope.start, scope.end)
    return [
        Finding(
            unit=unit,
            message=f"{unit.name}在{scope.year}年无在履行的法律顾问合同（未设置法律顾问）。",
            records=[unit],
        )
        for unit in uncovered
    ]
