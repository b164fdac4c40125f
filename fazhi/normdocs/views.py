"""Public, read-only pages of normative documents in force and of published cleanup results
(公开条例第二十条; N9). Documents are addressed by their 统一登记号, the public identifier."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from fazhi.normdocs.selectors import (
    cleanup_result_lists,
    public_cleanups,
    public_document,
    public_documents,
)


@require_GET
def document_list(request):
    term = request.GET.get("q", "").strip()[:50]
    documents = public_documents(search=term)[:500]
    return render(
        request,
        "normdocs/portal/list.html",
        {"documents": documents, "q": term, "cleanups": public_cleanups()[:20]},
    )


@require_GET
def document_detail(request, registration_number):
    document = public_document(registration_number=registration_number)
    if document is None:
        raise Http404("没有找到该文件。")
    return render(request, "normdocs/portal/detail.html", {"document": document})


@require_GET
def cleanup_results(request, year):
    """Every cleanup campaign of `year` whose results are published, with its result lists."""
    campaigns = [
        (campaign, cleanup_result_lists(campaign))
        for campaign in public_cleanups().filter(year=year).order_by("published_on", "pk")
    ]
    if not campaigns:
        raise Http404("该年度没有公布的清理结果。")
    return render(request, "normdocs/portal/cleanups.html", {"year": year, "campaigns": campaigns})
