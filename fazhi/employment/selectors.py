"""Reads of employment services."""

from django.db.models import QuerySet

from fazhi.employment.models import FairPosition, JobFair


def fair_list(*, user) -> QuerySet:
    return JobFair.objects.for_user(user)


def position_list(*, user) -> QuerySet:
    return FairPosition.objects.for_user(user).select_related("employer", "employer__fair")
