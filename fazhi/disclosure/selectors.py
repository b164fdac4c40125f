"""Reads of government information disclosure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from fazhi.core.models import Unit, UnitKind
from fazhi.deadlines.selectors import clocks_for
from fazhi.disclosure.documents import annual_report
from fazhi.disclosure.models import (
    DisclosureRequest,
    Letter,
    LetterState,
    ProactiveItem,
    RequestState,
)


def request_list(*, user) -> QuerySet:
    return DisclosureRequest.objects.for_user(user)


def letter_list(*, user) -> QuerySet:
    return Letter.objects.for_user(user)


def open_requests(*, user) -> QuerySet:
    return request_list(user=user).exclude(state=RequestState.REPLIED)


def letters_due(*, user, today: date) -> QuerySet:
    return letter_list(user=user).filter(state=LetterState.RECEIVED).order_by("due_date")


def request_clocks(request: DisclosureRequest):
    return clocks_for(request)


# --- public reads (the portal: no user) --------------------------------------------------

# The title under which a unit publishes its 政府信息公开工作年度报告 in its 主动公开 register
# (《政府信息公开条例》第四十九条、第五十条), e.g. “蒸湘区人民政府2024年政府信息公开工作年度报告”.
ANNUAL_REPORT_TITLE = r"([0-9]{4})年(度)?政府信息公开工作年度报告$"


@dataclass(frozen=True)
class PublishedAnnualReport:
    """A 政府信息公开工作年度报告 a unit has published: the 主动公开 record of its publication,
    the year its title names and whom it covers (a people's government reports for its
    division, a department for itself, as the back office's export does)."""

    item: ProactiveItem
    year: int

    @property
    def pk(self) -> int:
        return self.item.pk

    @property
    def unit(self) -> Unit:
        return self.item.unit

    @property
    def owner(self):
        unit = self.item.unit
        return unit.division if unit.kind == UnitKind.GOVERNMENT else unit

    @property
    def title(self) -> str:
        return self.item.title


def published_annual_reports(division, *, on: date | None = None) -> list[PublishedAnnualReport]:
    """The disclosure annual reports of `division`'s subtree that were published by `on`
    (today): only a report whose publication the unit recorded in its 主动公开 register."""
    on = on or timezone.localdate()
    items = (
        ProactiveItem.objects.filter(
            unit__division__path__startswith=division.path,
            title__regex=ANNUAL_REPORT_TITLE,
            published_on__lte=on,
        )
        .select_related("unit", "unit__division")
        .order_by("-published_on", "unit__name", "pk")
    )
    reports = []
    for item in items:
        year = int(re.search(ANNUAL_REPORT_TITLE, item.title).group(1))
        # a report covers a finished year: published after that year ended
        if 2000 <= year < item.published_on.year:
            reports.append(PublishedAnnualReport(item, year))
    return reports


def published_annual_report(division, pk: int, *, on: date | None = None):
    """One published disclosure annual report by the id of its publication record, or None."""
    return next((r for r in published_annual_reports(division, on=on) if r.pk == pk), None)


def annual_report_tables(report: PublishedAnnualReport):
    """The report's tables in the national template, every number from an indicator."""
    return annual_report(report.owner, report.year)
