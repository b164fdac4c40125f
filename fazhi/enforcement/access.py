"""Who sees which enforcement records, on top of `fazhi.core.access`.

The justice bureau supervises every enforcement unit of its district (issue 12 item 9). Core has
no role for its 执法监督 staff, so this register keeps the designation itself: an account of
the justice bureau (`unit.is_justice_bureau`) named in `Supervisor` (执法监督人员) sees every
unit in the bureau's division subtree, as 依法治区办 staff do. Everyone else sees what
`core.access` allows (a unit clerk: their own unit's officers and cases).

ID numbers (居民身份证号码) are shown masked; the full number only to accounts with the
clearance (the roles of `core.models.SENSITIVE_PI_ROLES`, which sign in with a second factor),
and every view of it writes an access event.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from fazhi.core.access import UnitScopedQuerySet
from fazhi.core.admin import can_work_on_records
from fazhi.core.models import SENSITIVE_PI_ROLES, Role

_CACHE = "_enforcement_supervisor"


def is_supervisor(user) -> bool:
    """A justice-bureau account designated 执法监督人员 (cached on the user object)."""
    if user is None or not user.is_authenticated or not user.is_active or user.unit_id is None:
        return False
    if user.is_admin_role:
        return False
    if not hasattr(user, _CACHE):
        Supervisor = apps.get_model("enforcement", "Supervisor")
        found = Supervisor.objects.filter(
            user_id=user.pk, active=True, user__unit__is_justice_bureau=True
        ).exists()
        setattr(user, _CACHE, found)
    return getattr(user, _CACHE)


def forget_supervisor(user) -> None:
    if user is not None and hasattr(user, _CACHE):
        delattr(user, _CACHE)


def supervised_units(user) -> models.QuerySet:
    """The units a supervisor oversees: the bureau's division subtree."""
    Unit = apps.get_model("core", "Unit")
    return Unit.objects.in_subtree(user.unit).values("pk")


class SupervisedQuerySet(UnitScopedQuerySet):
    """`for_user` widened for the justice bureau's supervisors; `also_visible_to` lookups that
    cross a many-to-many relation are matched through a subquery (no duplicate rows)."""

    def for_user(self, user):
        if is_supervisor(user):
            condition = models.Q(**{f"{self.unit_lookup}__in": supervised_units(user)})
            return self.filter(condition)
        return self.filter(pk__in=super().for_user(user).values("pk"))


def may_see_id_numbers(user) -> bool:
    """Clearance for full ID numbers: the roles core clears for sensitive personal information
    (依法治区办, 复议人员), which also sign in with a second factor. A designated supervisor
    holds a clerk's role and no second factor, so sees masked numbers until core has a
    supervision role among `SENSITIVE_PI_ROLES`."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_role(*SENSITIVE_PI_ROLES)


def may_supervise(user) -> bool:
    """Organise exams, trainings, removals and case-file reviews; confirm deductions. (An
    inactive account cannot sign in; scripts such as the synthetic city act through one.)"""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.has_role(Role.OFFICE_STAFF) or is_supervisor(user)


def can_open_register(request) -> bool:
    """Sidebar: the enforcement registers, for business roles."""
    return can_work_on_records(request) or is_supervisor(request.user)


def can_supervise(request) -> bool:
    """Sidebar: the supervision pages (exams, removals, trainings, reviews)."""
    return can_open_register(request) and may_supervise(request.user)
