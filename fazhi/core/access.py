"""The one place that decides who sees which unit's records (architecture rule 1, security.md B1).

Every selector, admin page, export, API and report starts from `Model.objects.for_user(user)`.
Another unit's object is a 404, never a 403, so that its existence is not revealed.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.http import Http404


def visible_unit_ids(user) -> models.QuerySet | None:
    """Units whose business records `user` may read; None means every unit.

    - anonymous users and the three admin roles (三员) see no business records;
    - a superuser (used only by scripts, never by a person in production) sees all;
    - 依法治区办 staff see every unit in their division's subtree;
    - everyone else sees their own unit.
    """
    Unit = apps.get_model("core", "Unit")
    if user is None or not user.is_authenticated or not user.is_active:
        return Unit.objects.none().values("pk")
    if user.is_superuser:
        return None
    if user.is_admin_role or user.unit_id is None:
        return Unit.objects.none().values("pk")
    if user.has_role("office_staff"):
        return Unit.objects.in_subtree(user.unit.division).values("pk")
    return Unit.objects.filter(pk=user.unit_id).values("pk")


def subtree_unit_ids(user) -> models.QuerySet | None:
    """Units in the user's division subtree, whatever the role (used for user management)."""
    Unit = apps.get_model("core", "Unit")
    if user.is_superuser:
        return None
    if not user.is_authenticated or user.unit_id is None:
        return Unit.objects.none().values("pk")
    return Unit.objects.in_subtree(user.unit.division).values("pk")


def office_covers(user, division_or_unit) -> bool:
    """依法治区办 staff supervise every unit of their division's subtree (architecture rule 1)."""
    if user is None or not user.is_authenticated or not user.is_active or user.unit_id is None:
        return False
    if not user.has_role("office_staff"):
        return False
    division = getattr(division_or_unit, "division", division_or_unit)
    return division.path.startswith(user.unit.division.path)


def may_read_scope(user, division_or_unit) -> bool:
    """May `user` read the figures of a unit or a whole division? Office staff their subtree;
    everyone else only their own unit; `None` (scripts, the report generator) everything."""
    if user is None or user.is_superuser:
        return True
    if not user.is_authenticated or user.is_admin_role or user.unit_id is None:
        return False
    if office_covers(user, division_or_unit):
        return True
    return getattr(division_or_unit, "division_id", None) is not None and (
        division_or_unit.pk == user.unit_id
    )


class UnitScopedQuerySet(models.QuerySet):
    """`unit_lookup` names the owning unit; `also_visible_to` names other units that may read
    the row too (a respondent, a lead unit, a campaign's organiser)."""

    unit_lookup = "unit"
    also_visible_to: tuple[str, ...] = ()

    def for_user(self, user):
        units = visible_unit_ids(user)
        if units is None:
            return self.all()
        condition = models.Q(**{f"{self.unit_lookup}__in": units})
        for lookup in self.also_visible_to:
            condition |= models.Q(**{f"{lookup}__in": units})
        return self.filter(condition)


class UnitScopedManager(models.Manager.from_queryset(UnitScopedQuerySet)):
    pass


def get_for_user_or_404(queryset_or_model, user, **lookup):
    """Fetch one object the user may see, or raise Http404."""
    queryset = (
        queryset_or_model._default_manager.all()
        if isinstance(queryset_or_model, type)
        else queryset_or_model
    )
    try:
        return queryset.for_user(user).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404("没有找到该记录。") from exc


def unit_owned_models() -> list[type[models.Model]]:
    """Every concrete model with a `unit` foreign key: the isolation walk covers all of them."""
    Unit = apps.get_model("core", "Unit")
    found = []
    for model in apps.get_models():
        try:
            field = model._meta.get_field("unit")
        except Exception:  # noqa: BLE001, S112 - model simply has no unit field
            continue
        if field.concrete and field.many_to_one and field.related_model is Unit:
            found.append(model)
    return found
