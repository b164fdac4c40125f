"""Writes of the cockpit: 申请修订 of a locked statistical return, and the office's decision."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.cockpit.models import RevisionRequest, RevisionState
from fazhi.core.access import office_covers
from fazhi.core.models import Role
from fazhi.indicators import services as indicator_services
from fazhi.indicators.models import ReturnState, UnitReturn

RULE = "统计填报规程（docs/indicators.md）"


def revision_request_create(*, actor, unit_return: UnitReturn, reason: str) -> RevisionRequest:
    """The unit head applies to the office to reopen an accepted (locked) return."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "申请修订须说明理由。"})
    if actor.unit_id != unit_return.unit_id or not actor.has_role(Role.UNIT_HEAD):
        raise PermissionDenied(f"只有本单位负责人可以申请修订统计报表。依据：{RULE}")
    with transaction.atomic():
        unit_return = UnitReturn.objects.select_for_update().get(pk=unit_return.pk)
        if unit_return.state != ReturnState.ACCEPTED:
            raise ValidationError(
                "只有已接收（已锁定）的统计报表需要申请修订；未接收的可直接修改。"
            )
        if unit_return.revision_requests.filter(state=RevisionState.PENDING).exists():
            raise ValidationError("该统计报表已有待处理的修订申请，请等待依法治区办处理。")
        request = RevisionRequest(
            unit=unit_return.unit, unit_return=unit_return, reason=reason, requested_by=actor
        )
        request.full_clean()
        request.save()
    return request


def _decide(actor, revision_request: RevisionRequest) -> RevisionRequest:
    locked = RevisionRequest.objects.select_for_update().get(pk=revision_request.pk)
    if not office_covers(actor, locked.unit):
        raise PermissionDenied(f"只有本级或上级依法治区办工作人员可以处理修订申请。依据：{RULE}")
    if locked.state != RevisionState.PENDING:
        raise ValidationError(f"该申请已处理（{locked.get_state_display()}）。")
    return locked


@transaction.atomic
def revision_request_grant(*, actor, revision_request: RevisionRequest) -> RevisionRequest:
    """The office agrees: a correction revision of the return opens (the accepted figures stay
    in force until the correction is accepted in turn)."""
    locked = _decide(actor, revision_request)
    indicator_services.return_correct(
        actor=actor,
        unit_return=locked.unit_return,
        reason=f"{locked.unit}申请修订：{locked.reason}",
    )
    locked.state = RevisionState.GRANTED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    return locked


@transaction.atomic
def revision_request_refuse(
    *, actor, revision_request: RevisionRequest, note: str
) -> RevisionRequest:
    """The office refuses, saying why; the return stays locked."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "不同意修订须说明理由。"})
    locked = _decide(actor, revision_request)
    locked.state = RevisionState.REFUSED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.decision_note = note
    locked.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    return locked
