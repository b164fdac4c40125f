"""Factories of the legal-advisor register and its isolation factories."""

import itertools
from datetime import date
from decimal import Decimal

from fazhi.advisors.models import (
    AdvisorContract,
    AdvisorKind,
    LegalAdvisor,
    ServiceKind,
    ServiceLog,
)
from fazhi.core.testing.isolation import isolation_factory

_seq = itertools.count(1)


@isolation_factory("advisors.LegalAdvisor")
def make_advisor(unit, **fields) -> LegalAdvisor:
    n = next(_seq)
    values = {"name": f"律师{n}", "kind": AdvisorKind.LAWYER, "organisation": "湖南某律师事务所"}
    values.update(fields)
    return LegalAdvisor.objects.create(unit=unit, **values)


@isolation_factory("advisors.AdvisorContract")
def make_contract(unit, advisor=None, **fields) -> AdvisorContract:
    n = next(_seq)
    values = {
        "contract_number": f"HT-{n:05d}",
        "signed_on": date(2024, 1, 5),
        "start_date": date(2024, 1, 1),
        "end_date": date(2024, 12, 31),
        "fee": Decimal("20000.00"),
        "scope": "参与重大行政决策、规范性文件和合同的合法性审查",
    }
    values.update(fields)
    return AdvisorContract.objects.create(
        unit=unit, advisor=advisor or make_advisor(unit), **values
    )


@isolation_factory("advisors.ServiceLog")
def make_service(unit, **fields) -> ServiceLog:
    values = {
        "served_on": date(2024, 3, 1),
        "kind": ServiceKind.CONSULTATION,
        "summary": "法律咨询",
    }
    values.update(fields)
    advisor = values.pop("advisor", None) or make_advisor(unit)
    return ServiceLog.objects.create(unit=unit, advisor=advisor, **values)
