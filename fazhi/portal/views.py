"""The public portal: a home per district, published annual reports (HTML and .docx) and
published decision catalogs. Read-only, no login; anything unpublished is a 404."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.decisions.models import DecisionCatalog
from fazhi.portal import selectors
from fazhi.reports.assemble import build
from fazhi.reports.gongwen import render_docx
from fazhi.reports.models import Report

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
UPLOAD_TYPES = {".pdf": "application/pdf", ".docx": DOCX, ".doc": "application/msword"}


def _district(code: str):
    district = selectors.district(code)
    if district is None:
        raise Http404("没有找到该区县。")
    return district


@require_GET
def index(request):
    return render(request, "portal/index.html", {"districts": selectors.districts()})


@require_GET
def district_home(request, code):
    district = _district(code)
    this_year = timezone.localdate().year
    return render(
        request,
        "portal/district.html",
        {
            "district": district,
            "reports": selectors.published_reports(district)[:200],
            "catalogs": selectors.published_catalogs(district)[:200],
            "open_years": [this_year - 1, this_year - 2, this_year - 3],
            "last_year": this_year - 1,
        },
    )


def _report(code, pk):
    district = _district(code)
    report = selectors.published_report(district, pk)
    if report is None:
        raise Http404("没有找到该报告。")
    return district, report


@require_GET
def report_view(request, code, pk):
    district, report = _report(code, pk)
    version = selectors.published_version(report)
    rendered = build(report, version=version) if version is not None else None
    return render(
        request,
        "portal/report.html",
        {"district": district, "report": report, "rendered": rendered},
    )


report_view.scoped_model = Report


@require_GET
def report_download(request, code, pk):
    _district_, report = _report(code, pk)
    version = selectors.published_version(report)
    if version is not None:
        content, suffix, kind = render_docx(build(report, version=version)), ".docx", DOCX
    elif report.file_content:
        suffix = "." + (
            report.file_name.rsplit(".", 1)[-1].lower() if "." in report.file_name else "docx"
        )
        content, kind = (
            bytes(report.file_content),
            UPLOAD_TYPES.get(suffix, "application/octet-stream"),
        )
    else:
        raise Http404("该报告没有可下载的文件。")
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = (
        f'attachment; filename="report-{report.year}-{report.pk}{suffix}"'
    )
    return response


report_download.scoped_model = Report


@require_GET
def catalog_view(request, code, pk):
    district = _district(code)
    catalog = selectors.published_catalog(district, pk)
    if catalog is None:
        raise Http404("没有找到该目录。")
    return render(
        request,
        "portal/catalog.html",
        {"district": district, "catalog": catalog, "items": selectors.catalog_items(catalog)},
    )


catalog_view.scoped_model = DecisionCatalog


@require_GET
def legal_aid_notice(request, code, year):
    district = _district(code)
    notice = selectors.legal_aid_notice(district, int(year))
    if notice is None:
        raise Http404("该年度的法律援助公告尚未发布。")
    return render(request, "portal/legal_aid.html", {"district": district, "notice": notice})


@require_GET
def village_advisors(request, code):
    district = _district(code)
    rows = selectors.village_advisors(district, timezone.localdate())
    return render(request, "portal/advisors.html", {"district": district, "rows": rows})
