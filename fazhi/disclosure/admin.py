"""Back office of government information disclosure: proactive items (CMS import),
interpretations, letters, requests (steps with their articles, 文书), templates, and the
annual report's export."""

from django import forms
from django.contrib import admin
from django.http import HttpResponse
from django.urls import path

from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.core.admin_actions import ActionForm, ExcelImportMixin, ObjectAction, ObjectActionsMixin
from fazhi.disclosure import documents, imports, services
from fazhi.disclosure.models import (
    DisclosureRequest,
    DocumentKind,
    DocumentTemplate,
    Interpretation,
    Letter,
    ProactiveItem,
    ReplyType,
)
from fazhi.disclosure.workflow import WORKFLOW


@admin.register(ProactiveItem, site=site)
class ProactiveItemAdmin(ExcelImportMixin, UnitScopedAdmin):
    list_display = ["title", "column", "category", "formed_on", "published_on", "on_time"]
    list_filter = ["category", "on_time"]
    search_fields = ["title", "column", "source_ref"]
    import_spec = imports.ITEM_IMPORT
    import_title = "导入门户网站发布信息"


@admin.register(Interpretation, site=site)
class InterpretationAdmin(UnitScopedAdmin):
    list_display = ["title", "form", "subject", "published_on"]
    list_filter = ["form"]


class LetterReplyForm(ActionForm):
    on = forms.DateField(label="回复日期")
    reply = forms.CharField(label="回复内容", widget=forms.Textarea)


@admin.register(Letter, site=site)
class LetterAdmin(ObjectActionsMixin, UnitScopedAdmin):
    list_display = ["number", "channel", "received_on", "subject", "due_date", "replied_on"]
    list_filter = ["channel", "state"]
    readonly_change_form = True
    object_actions = [
        ObjectAction(
            "reply", "回复", LetterReplyForm,
            run=lambda request, obj, data: services.letter_reply(actor=request.user, letter=obj, **data),
            visible=lambda obj: obj.state == "received",
        )
    ]  # fmt: skip

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and obj is None


class DateForm(ActionForm):
    on = forms.DateField(label="日期")


class ExtendForm(ActionForm):
    reason = forms.CharField(label="延长理由")


class ReplyForm(ActionForm):
    on = forms.DateField(label="答复日期")
    reply_type = forms.ChoiceField(label="答复类型", choices=ReplyType.choices)
    basis = forms.CharField(label="答复理由", widget=forms.Textarea, required=False)
    pages = forms.IntegerField(label="提供信息页数", min_value=0, initial=0)
    charge = forms.BooleanField(label="收取信息处理费", required=False)


def _step(verb, service, form=DateForm):
    transition = WORKFLOW[verb]
    return ObjectAction(
        verb,
        transition.label,
        form,
        run=lambda request, obj, data: service(actor=request.user, request=obj, **data),
        check=lambda user, obj: WORKFLOW.check(
            verb, user, obj, on=obj.received_on, approver=user, reply_type=ReplyType.OTHER
        ),  # fmt: skip
        visible=lambda obj: obj.state in transition.sources,
        rule=transition.rule,
    )


@admin.register(DisclosureRequest, site=site)
class DisclosureRequestAdmin(ObjectActionsMixin, UnitScopedAdmin):
    list_display = ["number", "applicant_name", "applicant_type", "channel", "received_on",
                    "state", "reply_type", "replied_on"]  # fmt: skip
    list_filter = ["state", "applicant_type", "channel", "reply_type"]
    search_fields = ["number", "applicant_name"]
    readonly_change_form = True
    object_actions = [
        _step("request_correction", services.request_correction),
        _step("correct", services.request_correct),
        _step("abandon", services.request_abandon),
        _step("consult_third_party", services.request_consult),
        _step("third_party_answered", services.request_consulted),
        ObjectAction(
            "extend", "延长答复期限", ExtendForm,
            run=lambda request, obj, data: services.request_extend(
                actor=request.user, request=obj, approver=request.user, **data),
            check=lambda user, obj: WORKFLOW.check("extend", user, obj, approver=user),
            visible=lambda obj: obj.state in WORKFLOW["extend"].sources,
            rule=WORKFLOW["extend"].rule,
        ),
        _step("reply", services.request_reply, ReplyForm),
    ]  # fmt: skip

    def get_urls(self):
        return [
            path(
                "<path:object_id>/document/<str:kind>/",
                self.admin_site.admin_view(self.document_view),
                name="disclosure_disclosurerequest_document",
            ),
            path(
                "annual-report/<int:year>.<str:fmt>",
                self.admin_site.admin_view(self.annual_report_view),
                name="disclosure_annual_report",
            ),
        ] + super().get_urls()

    def document_view(self, request, object_id, kind):
        from django.http import Http404

        obj = self.get_queryset(request).filter(pk=object_id).first()
        if obj is None or kind not in DocumentKind.values:
            raise Http404("没有找到该记录。")
        content = documents.document_docx(obj, kind)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="{kind}-{obj.pk}.docx"'
        return response

    def annual_report_view(self, request, year, fmt):
        from django.http import Http404

        owner = request.user.unit
        if owner is None or fmt not in ("docx", "xlsx"):
            raise Http404("没有找到该报告。")
        if request.user.has_role("office_staff"):
            owner = owner.division
        report = documents.annual_report(owner, year)
        if fmt == "docx":
            content, kind = documents.annual_report_docx(report), "wordprocessingml.document"
        else:
            content, kind = documents.annual_report_xlsx(report), "spreadsheetml.sheet"
        response = HttpResponse(
            content, content_type=f"application/vnd.openxmlformats-officedocument.{kind}"
        )
        response["Content-Disposition"] = f'attachment; filename="disclosure-{year}.{fmt}"'
        return response


@admin.register(DocumentTemplate, site=site)
class DocumentTemplateAdmin(UnitScopedAdmin):
    list_display = ["kind", "title"]
