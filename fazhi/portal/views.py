"""The public portal: a home per district, published annual reports (HTML and .docx),
published decision catalogs, the disclosure annual reports, the legal-aid notice, village
advisors, and the normative documents in force with their history and cleanup results.
Read-only, no login; anything unpublished is a 404. Every record is read through its
register's public selectors."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.advisors import selectors as advisor_selectors
from fazhi.decisions import selectors as decision_selectors
from fazhi.decisions.models import DecisionCatalog
from fazhi.disclosure import selectors as disclosure_selectors
from fazhi.disclosure.documents import annual_report_docx
from fazhi.disclosure.models import ProactiveItem
from fazhi.normdocs import selectors as normdoc_selectors
from fazhi.portal import selectors
from fazhi.reports import selectors as report_selectors
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
            "reports": report_selectors.published_reports(district)[:200],
            "catalogs": decision_selectors.published_catalogs(district)[:200],
            "disclosure_reports": disclosure_selectors.published_annual_reports(district)[:200],
            "open_years": [this_year - 1, this_year - 2, this_year - 3],
            "last_year": this_year - 1,
        },
    )


def _report(code, pk):
    district = _district(code)
    report = report_selectors.published_report(district, pk)
    if report is None:
        raise Http404("没有找到该报告。")
    return district, report


@require_GET
def report_view(request, code, pk):
    district, report = _report(code, pk)
    version = report_selectors.published_version(report)
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
    version = report_selectors.published_version(report)
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
    catalog = decision_selectors.published_catalog(district, pk)
    if catalog is None:
        raise Http404("没有找到该目录。")
    return render(
        request,
        "portal/catalog.html",
        {
            "district": district,
            "catalog": catalog,
            "items": decision_selectors.published_catalog_items(catalog),
        },
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
    rows = advisor_selectors.village_advisors(district, timezone.localdate())
    return render(request, "portal/advisors.html", {"district": district, "rows": rows})


# --- 政府信息公开工作年度报告 -------------------------------------------------------------------


def _disclosure_report(code, pk):
    district = _district(code)
    report = disclosure_selectors.published_annual_report(district, int(pk))
    if report is None:
        raise Http404("没有找到该报告。")
    return district, report


@require_GET
def disclosure_report_view(request, code, pk):
    district, report = _disclosure_report(code, pk)
    return render(
        request,
        "portal/disclosure_report.html",
        {
            "district": district,
            "report": report,
            "tables": disclosure_selectors.annual_report_tables(report).tables,
        },
    )


disclosure_report_view.scoped_model = ProactiveItem


@require_GET
def disclosure_report_download(request, code, pk):
    _district_, report = _disclosure_report(code, pk)
    content = annual_report_docx(disclosure_selectors.annual_report_tables(report))
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="disclosure-report-{report.year}-{report.pk}.docx"'
    )
    return response


disclosure_report_download.scoped_model = ProactiveItem


@require_GET
def disclosure_report_by_year(request, code, year, unit):
    """`…/disclosure-reports/<year>-<unit id>/`: the readable address of a unit's report of a
    year; it leads to the published report, and is a 404 like the id when there is none."""
    district = _district(code)
    found = next(
        (
            r
            for r in disclosure_selectors.published_annual_reports(district)
            if r.year == int(year) and r.unit.pk == int(unit)
        ),
        None,
    )
    if found is None:
        raise Http404("没有找到该报告。")
    return redirect("portal:disclosure_report", code=district.code, pk=found.pk)


# --- 行政规范性文件 (公开条例第二十条; N9) ----------------------------------------------------


@require_GET
def normdocs_list(request, code=None):
    """The documents in force (all districts at /portal/normdocs/, one district's at
    /portal/<区划代码>/normdocs/), searched by title or full text, and the cleanup results."""
    district = _district(code) if code is not None else None
    term = request.GET.get("q", "").strip()[:50]
    documents = (
        normdoc_selectors.public_documents_of(district, search=term)
        if district is not None
        else normdoc_selectors.public_documents(search=term)
    )
    return render(
        request,
        "portal/normdocs/list.html",
        {
            "district": district,
            "documents": documents[:500],
            "q": term,
            "cleanups": normdoc_selectors.public_cleanups()[:20],
        },
    )


@require_GET
def normdocs_detail(request, registration_number):
    """A document by its 统一登记号 (the public identifier), with its published versions."""
    document = normdoc_selectors.public_document(registration_number=registration_number)
    if document is None:
        raise Http404("没有找到该文件。")
    return render(
        request,
        "portal/normdocs/detail.html",
        {
            "document": document,
            "history": normdoc_selectors.public_document_history(document),
        },
    )


@require_GET
def normdocs_cleanups(request, year):
    """Every cleanup campaign of `year` whose results are published, with its result lists."""
    campaigns = [
        (campaign, normdoc_selectors.cleanup_result_lists(campaign))
        for campaign in normdoc_selectors.public_cleanups()
        .filter(year=year)
        .order_by("published_on", "pk")
    ]
    if not campaigns:
        raise Http404("该年度没有公布的清理结果。")
    return render(request, "portal/normdocs/cleanups.html", {"year": year, "campaigns": campaigns})
