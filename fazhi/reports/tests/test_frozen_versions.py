"""Frozen report versions: an exported (or 定稿) version keeps the numbers it showed with their
provenance; a back-dated record afterwards changes only the next export, after confirmation."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from fazhi.reports import services
from fazhi.reports.assemble import build
from fazhi.reports.models import DutyKind, Report, ReportExport, ReportingDuty

from .conftest import make_template

pytestmark = pytest.mark.django_db

BODY = "到期义务{{testrep.duties}}，新收{{testrep.received}}，义务较上年{{testrep.duties|增减}}。"


@pytest.fixture
def report(seed_values, office_staff, government):
    template = make_template(office_staff.unit, work_body=BODY)
    return services.report_create(actor=office_staff, unit=government, year=2024, template=template)


def _work(rendered) -> str:
    section = next(s for s in rendered.sections if s.key == "work-disputes")
    return "".join(p.text for p in section.paragraphs)


def _docx_text(export) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(bytes(export.content))).paragraphs)


def _back_dated_duty(justice_bureau):
    earlier = Report.objects.get(unit=justice_bureau, year=2023)
    return ReportingDuty.objects.create(
        unit=justice_bureau,
        report=earlier,
        kind=DutyKind.PUBLISH,
        recipient="政府门户网站",
        rule_code="reports.publication",
        due_date=date(2024, 4, 1),
    )


def test_a_back_dated_record_changes_only_the_next_export_after_confirmation(
    report, office_staff, justice_bureau
):
    first = services.report_export(actor=office_staff, report=report)
    version = first.version
    assert version.is_frozen and version.number == report.latest_version().number
    # 3 duties due in 2024 (seed_values), none in 2023 → 增加3项
    assert "到期义务3项，新收99件，义务较上年增加3项。" in _docx_text(first)
    frozen_bytes = bytes(first.content)

    _back_dated_duty(justice_bureau)  # a record dated in 2024, entered after the export

    assert "到期义务3项" in _work(build(report))  # the frozen version shows what it showed
    assert "到期义务4项" in _work(build(report, live=True))
    assert services.pending_changes(report) == [
        {
            "label": "测试到期报送义务",
            "before": "3项",
            "after": "4项",
            "before_exact": "3项",
            "after_exact": "4项",
        },
        {
            "label": "测试到期报送义务（增减）",
            "before": "增加3项",
            "after": "增加4项",
            "before_exact": "3项",
            "after_exact": "4项",
        },
    ]
    with pytest.raises(services.FiguresChanged) as refused:
        services.report_export(actor=office_staff, report=report)
    assert "测试到期报送义务：3项 → 4项" in refused.value.messages[0]
    assert ReportExport.objects.count() == 1 and report.versions.count() == version.number

    second = services.report_export(actor=office_staff, report=report, confirm=True)
    assert second.version.number == version.number + 1 and second.version.is_frozen
    assert "到期义务4项，新收99件，义务较上年增加4项。" in _docx_text(second)
    version.refresh_from_db()
    first.refresh_from_db()
    assert version.snapshot["figures"]["testrep.duties"]["text"] == "3项"
    assert first.figures["testrep.duties"]["display"] == "3项"
    assert bytes(first.content) == frozen_bytes
    assert "到期义务3项" in _work(build(report, version=version))
    assert services.pending_changes(report) == []


def test_the_frozen_provenance_lists_the_records_kept_then(
    report, office_staff, justice_bureau, verified_client
):
    version = services.report_freeze(actor=office_staff, report=report)
    _back_dated_duty(justice_bureau)
    client = verified_client(office_staff)
    url = reverse("reports:figure", args=[report.pk, "testrep.duties"])
    frozen = client.get(url, {"p": "testrep.duties", "version": version.number}).content.decode()
    assert frozen.count('class="record"') == 3 and "定稿时的登记记录（共 3 条）" in frozen
    live = client.get(url, {"p": "testrep.duties"}).content.decode()
    assert live.count('class="record"') == 4
    detail = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "已于" in detail and "测试到期报送义务：3项 → 4项" in detail


def test_re_exporting_on_the_page_asks_for_confirmation(
    report, office_staff, justice_bureau, verified_client
):
    client = verified_client(office_staff)
    url = reverse("reports:export", args=[report.pk, "docx"])
    assert client.post(url).status_code == 200  # first export: the file
    _back_dated_duty(justice_bureau)
    page = client.post(url)
    text = page.content.decode()
    assert page.status_code == 200 and "以下数字已变化" in text
    assert "<td>3项</td><td>4项</td>" in text and "testrep" not in text
    confirmed = client.post(url, {"confirm": "1"})
    assert confirmed["Content-Disposition"].endswith('.docx"')
    assert ReportExport.objects.count() == 2
