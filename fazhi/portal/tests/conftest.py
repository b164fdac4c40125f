"""A published and an unpublished annual report, a published and a drafting catalog."""

from datetime import date

import pytest

from fazhi.decisions.models import CatalogState
from fazhi.decisions.tests.factories import make_catalog, make_catalog_item
from fazhi.reports.models import DutyKind
from fazhi.reports.services import (
    duty_record,
    report_create,
    report_freeze,
    report_section_save,
)


def _report(unit, year, *, publish: bool):
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


@pytest.fixture
def published(unit_a, unit_b):
    catalog = make_catalog(unit_a, year=2024, title="蒸湘区人力资源和社会保障局2024年度重大行政决策事项目录",
                           state=CatalogState.PUBLISHED, party_agreed_on=date(2024, 2, 20),
                           party_agreement_ref="区委常委会会议", published_on=date(2024, 3, 1))  # fmt: skip
    make_catalog_item(unit_a, catalog=catalog, title="制定就业补贴发放办法")
    drafting = make_catalog(unit_b, year=2024, title="卫健局目录（编制中）")
    return {
        "report": _report(unit_a, 2023, publish=True),
        "hidden_report": _report(unit_b, 2023, publish=False),
        "catalog": catalog,
        "hidden_catalog": drafting,
    }
