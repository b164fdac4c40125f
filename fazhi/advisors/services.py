"""Writes of the legal-advisor register: advisors, contracts, service log (G1-G2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.advisors.models import AdvisorContract, LegalAdvisor, ServiceKind, ServiceLog
from fazhi.core.models import Role


def _require_business_user(actor) -> None:
    if not (actor.is_superuser or actor.has_role(Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)):
        raise ValidationError("当前账号无权登记法律顾问信息。")


@transaction.atomic
def advisor_register(
    *,
    actor,
    unit,
    name: str,
    kind: str,
    organisation: str = "",
    licence_number: str = "",
    phone: str = "",
    specialties: str = "",
    user=None,
) -> LegalAdvisor:
    _require_business_user(actor)
    if user is not None and not user.has_role(Role.LEGAL_ADVISOR):
        raise ValidationError({"user": "关联账号须具有“法律顾问”角色。"})
    advisor = LegalAdvisor(
        unit=unit,
        name=name.strip(),
        kind=kind,
        organisation=organisation,
        licence_number=licence_number.strip(),
        phone=phone,
        specialties=specialties,
        user=user,
    )
    advisor.full_clean()
    advisor.save()
    return advisor


@transaction.atomic
def contract_sign(
    *,
    actor,
    unit,
    advisor: LegalAdvisor,
    contract_number: str,
    signed_on: date,
    start_date: date,
    end_date: date,
    fee: Decimal,
    scope: str,
    renewal: bool = False,
) -> AdvisorContract:
    """Record a contract between the client unit and an advisor (G2)."""
    _require_business_user(actor)
    contract = AdvisorContract(
        unit=unit,
        advisor=advisor,
        contract_number=contract_number.strip(),
        signed_on=signed_on,
        start_date=start_date,
        end_date=end_date,
        fee=fee,
        scope=scope,
        renewal=renewal,
    )
    contract.full_clean()
    contract.save()
    return contract


@transaction.atomic
def contract_terminate(*, actor, contract: AdvisorContract, on: date) -> AdvisorContract:
    _require_business_user(actor)
    contract.terminated_on = on
    contract.full_clean()
    contract.save(update_fields=["terminated_on"])
    return contract


def contract_for(advisor: LegalAdvisor, units, on: date) -> AdvisorContract | None:
    """The advisor's contract in force on `on`, preferring the given client units in order."""
    in_force = AdvisorContract.objects.in_force_on(on).filter(advisor=advisor)
    for unit in units:
        contract = in_force.filter(unit=unit).first()
        if contract is not None:
            return contract
    return in_force.first()


@transaction.atomic
def service_log_record(
    *,
    actor,
    advisor: LegalAdvisor,
    unit,
    served_on: date,
    kind: str,
    summary: str,
    contract: AdvisorContract | None = None,
    matter=None,
) -> ServiceLog:
    """Log one service (opinion, meeting attended, review, consultation …)."""
    if kind not in ServiceKind.values:
        raise ValidationError({"kind": "服务类型无效。"})
    entry = ServiceLog(
        unit=unit,
        advisor=advisor,
        contract=contract,
        served_on=served_on,
        kind=kind,
        summary=summary,
    )
    if matter is not None:
        entry.matter_type = ContentType.objects.get_for_model(type(matter))
        entry.matter_id = matter.pk
    entry.full_clean()
    if contract is not None and contract.advisor_id != advisor.pk:
        raise ValidationError({"contract": "所选合同不属于该法律顾问。"})
    entry.save()
    return entry
