"""Reads of the deadline engine. Clocks of a subject, and scoped lists for people."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast

from fazhi.deadlines.models import OPEN_STATES, Clock


def _subject_clocks(subject, user=None):
    queryset = Clock.objects.for_user(user) if user is not None else Clock.objects.all()
    return queryset.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    )


def clocks_for(subject, *, user=None):
    """Every clock of `subject` (already fetched through the caller's scope), earliest due first.

    Pass `user` to scope the clocks to what that user may see.
    """
    return _subject_clocks(subject, user).order_by("due_date", "pk")


def clock_for(subject, rule_code: str, *, user=None) -> Clock | None:
    """The latest clock of `rule_code` for `subject`, or None."""
    return _subject_clocks(subject, user).filter(rule_code=rule_code).order_by("-pk").first()


def latest_clocks(subjects, rule_code: str):
    """For several subjects of one model, each one's latest clock of `rule_code` (as
    `clock_for`), in one query; key the result by `object_id` (the subject's pk as text)."""
    subjects = list(subjects)
    if not subjects:
        return Clock.objects.none()
    return (
        Clock.objects.filter(
            content_type=ContentType.objects.get_for_model(subjects[0]),
            object_id__in=[str(subject.pk) for subject in subjects],
            rule_code=rule_code,
        )
        .order_by("object_id", "-pk")
        .distinct("object_id")
    )


def latest_due_date(model, rule_code: str) -> Subquery:
    """The due date of each row's latest clock of `rule_code` (as `clock_for`), as a subquery
    to annotate or filter a queryset of `model` with; NULL where the row has none."""
    clocks = Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id=Cast(OuterRef("pk"), CharField()),
        rule_code=rule_code,
    ).order_by("-pk")
    return Subquery(clocks.values("due_date")[:1])


def clock_list(*, user, open_only: bool = True):
    queryset = Clock.objects.for_user(user)
    if open_only:
        queryset = queryset.filter(state__in=OPEN_STATES)
    return queryset.select_related("unit", "owner")
