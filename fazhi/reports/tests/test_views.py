"""The staff page: open a draft, see figures with their source, edit, decide problems, export."""

import io

import pytest
from django.urls import reverse
from docx import Document

from fazhi.reports import services
from fazhi.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(seed_values, office_staff, government, template):
    return services.report_create(actor=office_staff, unit=government, year=2024, template=template)


def test_office_opens_a_body_and_year_and_gets_a_first_draft(
    seed_values, verified_client, office_staff, government
):
    client = verified_client(office_staff)
    page = client.get(reverse("reports:index")).content.decode()
    assert "衡阳市蒸湘区人民政府" in page and "打开（无则生成初稿）" in page
    response = client.post(reverse("reports:index"), {"unit": government.pk, "year": 2024})
    report = Report.objects.get(unit=government, year=2024)
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    again = client.post(reverse("reports:index"), {"unit": government.pk, "year": 2024})
    assert again["Location"] == response["Location"]
    assert Report.objects.filter(unit=government).count() == 1


def test_preview_links_every_figure_to_its_provenance(report, verified_client, office_staff):
    client = verified_client(office_staff)
    html = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    figure_url = reverse("reports:figure", args=[report.pk, "testrep.received"])
    assert f'href="{figure_url}"' in html
    assert 'title="测试复议维持率' in html and "口径：(办结 − 纠错 − 调解和解) ÷ 办结" in html
    assert "导出前检查" in html and "填报缺失" in html
    returned = client.get(figure_url).content.decode()
    assert "测试复议新收" in returned and "统计填报" in returned and "99" in returned
    records = client.get(reverse("reports:figure", args=[report.pk, "testrep.duties"]))
    text = records.content.decode()
    assert "登记记录（共 3 条" in text and "/admin/reports/reportingduty/" in text
    rate = client.get(reverse("reports:figure", args=[report.pk, "testrep.upheld_rate"]))
    assert "口径B" in rate.content.decode() and "76.25%" in rate.content.decode()


def test_edit_a_sentence_then_export(report, verified_client, office_staff):
    client = verified_client(office_staff)
    url = reverse("reports:section_edit", args=[report.pk, "leaders"])
    assert "主要负责人认真履职。" in client.get(url).content.decode()
    bad = client.post(url, {"title": "主要负责人履职情况", "body": "共{{nope.code}}。"})
    assert "指向的指标不存在" in bad.content.decode()
    client.post(url, {"title": "主要负责人履职情况", "body": "区长带头述法，全年公开述法。"})
    assert report.latest_version().section("leaders")["body"] == "区长带头述法，全年公开述法。"
    response = client.post(reverse("reports:export", args=[report.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "区长带头述法，全年公开述法。" in text and "99件" in text
    history = client.get(reverse("reports:version", args=[report.pk, 2])).content.decode()
    assert "区长带头述法" in history and "测试用户" in history


def test_export_refused_with_the_reason_and_no_file(report, verified_client, office_staff):
    version = report.latest_version()
    sections = [dict(s) for s in version.sections]
    sections[-2]["body"] = ""  # leaders
    version.sections = sections
    version.save()
    client = verified_client(office_staff)
    response = client.post(reverse("reports:export", args=[report.pk, "docx"]), follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert "无法导出" in response.content.decode() and "内容为空" in response.content.decode()


def test_other_department_gets_404(report, client, clerk_b):
    client.force_login(clerk_b)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert (
        client.get(reverse("reports:figure", args=[report.pk, "testrep.received"])).status_code
        == 404
    )
    assert client.post(reverse("reports:export", args=[report.pk, "docx"])).status_code == 404


def test_problem_and_duty_forms(report, verified_client, office_staff):
    client = verified_client(office_staff)
    duty = report.duties.get(kind="publish")
    response = client.post(
        reverse("reports:duty_record", args=[report.pk, duty.pk]),
        {"done_on": "2025-03-20", "url": "http://www.zhengxiang.gov.cn/bg.html"},
    )
    assert response.status_code == 302
    duty.refresh_from_db()
    assert str(duty.done_on) == "2025-03-20"


def test_departments_page_collects_and_uploads(figures, verified_client, office_staff, unit_a):
    client = verified_client(office_staff)
    url = reverse("reports:departments") + "?year=2023"
    client.post(url)
    report = Report.objects.get(unit=unit_a, year=2023)
    assert "蒸湘区人力资源和社会保障局" in client.get(url).content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        reverse("reports:upload", args=[report.pk]),
        {"file": SimpleUploadedFile("人社局报告.pdf", b"%PDF-1.4 demo")},
    )
    report.refresh_from_db()
    assert report.source == Report.Source.UPLOADED and report.file_name == "人社局报告.pdf"
    download = client.get(reverse("reports:upload_download", args=[report.pk]))
    assert download.content == b"%PDF-1.4 demo"
