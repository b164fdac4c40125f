"""Reads of community corrections: always from `Model.objects.for_user(user)`, which also hides
the subjects whose security label the user is not cleared for (B4)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from fazhi.corrections.models import (
    ContactLoss,
    CrossReview,
    Enrolment,
    ReviewedFile,
    Subject,
    SubjectState,
    TrainingClass,
)


def subject_list(*, user) -> QuerySet:
    return Subject.objects.for_user(user)


def lost_contacts(*, user) -> QuerySet:
    return ContactLoss.objects.filter(
        subject__in=subject_list(user=user), found_on__isnull=True
    ).select_related("subject", "subject__unit")


def awaiting_report(*, user) -> QuerySet:
    return subject_list(user=user).filter(state=SubjectState.AWAITING_REPORT)


def due_for_release(*, user, today: date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return subject_list(user=user).filter(state=SubjectState.UNDER_CORRECTION, term_end__lt=today)


def enrolments(units, start: date, end: date) -> QuerySet:
    """Subjects enrolled in the training classes opened in [start, end]."""
    return Enrolment.objects.filter(
        training__unit__in=units, training__started_on__range=(start, end)
    )


def reviewed_files(units, start: date, end: date) -> QuerySet:
    return ReviewedFile.objects.filter(review__unit__in=units, review__held_on__range=(start, end))


def training_list(*, user) -> QuerySet:
    return TrainingClass.objects.for_user(user)


def review_list(*, user) -> QuerySet:
    return CrossReview.objects.for_user(user)
