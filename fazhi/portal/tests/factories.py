"""Published and unpublished records for the portal's tests, built through the services."""

from datetime import date

from fazhi.decisions.models import CatalogState
from fazhi.decisions.tests.factories import make_catalog, make_catalog_item
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
    return {
        "report": make_report(unit_a, 2023, publish=True),
        "hidden_report": make_report(unit_b, 2023, publish=False),
        "catalog": catalog,
        "hidden_catalog": make_catalog(unit_b, year=2024, title="卫健局目录（编制中）"),
    }
