"""Reads of the litigation register: lists start from `for_user(user)` (the owning unit, and
the defendant unit for the suits against it); the case page's panel."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from fazhi.deadlines import selectors as clock_selectors
from fazhi.litigation import workflow
from fazhi.litigation.models import Lawsuit


def lawsuit_list(*, user, **filters) -> QuerySet:
    return Lawsuit.objects.for_user(user).filter(**filters).select_related("defendant_unit")


def lawsuit_get(*, user, pk) -> Lawsuit | None:
    """The lawsuit if `user` may read it, else None (the caller answers 404)."""
    return lawsuit_list(user=user).filter(pk=pk).first()


def lawsuit_panel(*, lawsuit: Lawsuit, user, step_forms) -> dict:
    """What the lawsuit's page shows above the form: its clocks, the steps `user` may take
    (those with a form), the hearings."""
    return {
        "lawsuit": lawsuit,
        "clocks": list(clock_selectors.clocks_for(lawsuit)),
        "steps": [
            {
                "label": t.label,
                "url": reverse("admin:litigation_lawsuit_step", args=[lawsuit.pk, t.verb]),
                "verb": t.verb,
            }
            for t in workflow.available(user, lawsuit)
            if t.verb in step_forms
        ],
        "hearings": list(lawsuit.hearings.all()),
    }
