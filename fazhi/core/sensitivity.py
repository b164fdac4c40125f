"""Security labels (安全标记) on important rows and the users cleared to see them
(GB/T 22239-2019 8.1.4.2 g; security.md B4, G3).

- A register puts a `SensitivityField` on a model (default 一般) and mixes
  `SensitivityQuerySetMixin` into its unit-scoped queryset: `for_user` then also hides rows whose
  label the user is not cleared for (`User.clearances`), even inside the user's own unit.
- `set_sensitivity` changes a row's label and writes a `label_changed` access event.
- `record_sensitive_view` writes one `sensitive_view` event per view of sensitive personal data
  (PIPL Art. 51; security.md C1, G2); `SensitiveViewAdminMixin` does it for an admin change page.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models, transaction
from django.db.models import Q


class Sensitivity(models.TextChoices):
    GENERAL = "general", "一般"
    SENSITIVE = "sensitive", "敏感"
    MINOR = "minor", "未成年人身份信息"


# Labels a user can be cleared for (GENERAL needs no clearance).
CLEARABLE = tuple(label for label in Sensitivity if label != Sensitivity.GENERAL)


class SensitivityField(models.CharField):
    """The row's security label."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", "安全标记")
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("choices", Sensitivity.choices)
        kwargs.setdefault("default", Sensitivity.GENERAL)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)


def clearances_of(user) -> set[str] | None:
    """The labels `user` may see besides 一般; None means every label (a script's superuser)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    return {label for label in (user.clearances or []) if label in CLEARABLE}


def cleared_condition(user, lookup: str = "sensitivity") -> Q:
    labels = clearances_of(user)
    if labels is None:
        return Q()
    return Q(**{lookup: Sensitivity.GENERAL}) | Q(**{f"{lookup}__in": sorted(labels)})


def is_cleared(user, label: str) -> bool:
    labels = clearances_of(user)
    return label == Sensitivity.GENERAL or labels is None or label in labels


class SensitivityQuerySetMixin:
    """Mix in front of `UnitScopedQuerySet`: `for_user` filters by unit and by clearance."""

    sensitivity_lookup = "sensitivity"

    def for_user(self, user):
        return super().for_user(user).filter(cleared_condition(user, self.sensitivity_lookup))


def set_sensitivity(*, actor, obj, label: str, reason: str = "", request=None) -> None:
    """Change a row's label; the change is audited (B4: 标记的变更应被审计)."""
    from django.core.exceptions import ValidationError

    from fazhi.core.audit import record_access_event
    from fazhi.core.models import AccessEventKind

    if label not in Sensitivity.values:
        raise ValidationError("安全标记不正确。")
    if not is_cleared(actor, label) or not is_cleared(actor, obj.sensitivity):
        raise ValidationError("您没有该安全标记的授权，不能调整。")
    before = obj.sensitivity
    if before == label:
        return
    with transaction.atomic():
        type(obj)._base_manager.filter(pk=obj.pk).update(sensitivity=label)
        obj.sensitivity = label
        record_access_event(
            request,
            AccessEventKind.LABEL_CHANGED,
            user=actor,
            obj=obj,
            detail={
                "before": Sensitivity(before).label,
                "after": Sensitivity(label).label,
                "reason": reason,
            },
        )


def record_sensitive_view(request, obj, fields: Sequence[str] = ()) -> None:
    """One access event for one view of sensitive personal data (names the fields shown)."""
    from fazhi.core.audit import record_access_event
    from fazhi.core.models import AccessEventKind

    names = [str(obj._meta.get_field(name).verbose_name) for name in fields]
    record_access_event(
        request, AccessEventKind.SENSITIVE_VIEW, obj=obj, detail={"fields": names} if names else {}
    )


class SensitiveViewAdminMixin:
    """An admin whose change page shows `sensitive_fields` logs each view of a found object."""

    sensitive_fields: Sequence[str] = ()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = (getattr(response, "context_data", None) or {}).get("original")
        if request.method == "GET" and response.status_code == 200 and obj is not None:
            record_sensitive_view(request, obj, self.sensitive_fields)
        return response
