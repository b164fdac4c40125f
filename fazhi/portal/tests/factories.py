"""Published and unpublished records for the portal's tests, built through the services."""

from datetime import date, timedelta

from django.utils import timezone

from fazhi.decisions.models import CatalogState
from fazhi.decisions.tests.factories import make_catalog, make_catalog_item
from fazhi.disclosure.models import Category
from fazhi.disclosure.tests.factories import make_item as make_proactive_item
from fazhi.normdocs.models import DocState
from fazhi.normdocs.tests.factories import make_published
from fazhi.reports.models import DutyKind
from fazhi.reports.services import (
    duty_record,
    report_create,
    report_freeze,
    report_section_save,
)


def make_report(unit, year, *, publish: bool):
    """A drafted, filled and frozen report; its publication recorded when `publish`."""
    report = report_create(actor=None, unit=unit, year=year, signed_on=date(year + 1, 2, 20))
    for section in report.latest_version().sections:
        if not (section.get("body") or "").strip():
            report_section_save(actor=None, report=report, key=section["key"],
                                body="本年度依法全面履行政府职能，推进严格规范公正文明执法。")  # fmt: skip
    report_freeze(actor=None, report=report)
    if publish:
        duty = report.duties.get(kind=DutyKind.PUBLISH)
        duty_record(actor=None, duty=duty, done_on=date(year + 1, 3, 20),
                    url="https://example.gov.cn/fzzf/report")  # fmt: skip
    return report


def published_records(unit_a, unit_b) -> dict:
    catalog = make_catalog(
        unit_a, year=2024, title=f"{unit_a.name}2024年度重大行政决策事项目录",
        state=CatalogState.PUBLISHED, party_agreed_on=date(2024, 2, 20),
        party_agreement_ref="区委常委会会议", published_on=date(2024, 3, 1),
    )  # fmt: skip
    make_catalog_item(unit_a, catalog=catalog, title="制定就业补贴发放办法")
    make_catalog_item(unit_a, catalog=catalog, title="编制公共就业服务专项规划")
    # a document in force that replaced an earlier version (its history)
    old = make_published(
        unit_a, date(2019, 3, 1), title="蒸湘区就业见习补贴暂行办法", state=DocState.REPEALED,
        ended_on=date(2023, 3, 1), valid_until=date(2024, 1, 1),
    )  # fmt: skip
    current = make_published(
        unit_a, date(2023, 2, 1), title="蒸湘区就业见习补贴办法", supersedes=old,
        valid_until=date(2099, 1, 1), body="第一条 为促进高校毕业生就业见习，制定本办法。",
    )  # fmt: skip
    return {
        "document": current,
        "old_document": old,
        "disclosure_report": _disclosure_report(unit_a, 2023, published_on=date(2024, 1, 25)),
        # recorded, but its publication date has not come: not published yet
        "hidden_disclosure_report": _disclosure_report(
            unit_b, 2023, published_on=timezone.localdate() + timedelta(days=30)
        ),
        "report": make_report(unit_a, 2023, publish=True),
        "hidden_report": make_report(unit_b, 2023, publish=False),
        "catalog": catalog,
        "hidden_catalog": make_catalog(unit_b, year=2024, title="卫健局目录（编制中）"),
    }


def _disclosure_report(unit, year, *, published_on):
    """The 主动公开 record of a unit's 政府信息公开工作年度报告 (the mark the portal reads)."""
    return make_proactive_item(
        unit, title=f"{unit.name}{year}年政府信息公开工作年度报告", column="政府信息公开年报",
        category=Category.OTHER, formed_on=date(year + 1, 1, 15), published_on=published_on,
        due_date=date(year + 1, 1, 31), on_time=True,
    )  # fmt: skip
