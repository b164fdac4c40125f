"""Reads of the litigation register: lists start from `for_user(user)` (the owning unit, and
the defendant unit for the suits against it). Its admin still queries the database itself;
moving those reads here is part of moving litigation onto the register machinery
(docs/adding-a-register.md), not done yet."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.litigation.models import Lawsuit


def lawsuit_list(*, user, **filters) -> QuerySet:
    return Lawsuit.objects.for_user(user).filter(**filters).select_related("defendant_unit")


def lawsuit_get(*, user, pk) -> Lawsuit | None:
    """The lawsuit if `user` may read it, else None (the caller answers 404)."""
    return lawsuit_list(user=user).filter(pk=pk).first()
