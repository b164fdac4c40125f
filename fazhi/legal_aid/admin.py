"""Back office of legal aid: cases (registration, steps with their articles, 文书, the Excel
台账 import, masked personal data with an audited reveal), consultations (fast entry and the
daily tally import), the subsidy table, the aid body's templates, the yearly public notice and
the statistics table."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from fazhi.core.access import visible_unit_ids
from fazhi.core.admin import UnitScopedAdmin, export_xlsx, site
from fazhi.core.admin_actions import (
    ExcelImportMixin,
    ObjectAction,
    ObjectActionsMixin,
    ServiceAddMixin,
)
from fazhi.core.audit import record_access_event
from fazhi.core.crypto import blind_index
from fazhi.core.models import AccessEventKind, Unit
from fazhi.core.xlsx import build_workbook
from fazhi.deadlines.selectors import clocks_for
from fazhi.legal_aid import documents, imports, selectors, services
from fazhi.legal_aid import forms as f
from fazhi.legal_aid.admin_personal import XLSX, export_personal
from fazhi.legal_aid.models import (
    AidCase,
    CaseState,
    Consultation,
    DocumentKind,
    DocumentTemplate,
    SubsidyRate,
)
from fazhi.legal_aid.personal import masked_id, masked_phone, masked_text, normalise
from fazhi.legal_aid.workflow import WORKFLOW

PERSONAL_FIELDS = ("applicant_id_number", "applicant_phone", "applicant_address")


def _check(verb):
    return lambda user, case: WORKFLOW.check(verb, user, case)


def _states(*states):
    return lambda case: case.state in states


def _today(request, case):
    return {"on": timezone.localdate()}


def _step(service, **fixed):
    def run(request, case, data):
        service(actor=request.user, case=case, **fixed, **data)

    return run


def _action(name, label, form, service, states, rule="", verb=None):
    return ObjectAction(
        name,
        label,
        form,
        _step(service),
        check=_check(verb or name),
        visible=_states(*states),
        initial=_today if "on" in form.base_fields else None,
        rule=rule,
    )


@admin.register(AidCase, site=site)
class AidCaseAdmin(ServiceAddMixin, ObjectActionsMixin, ExcelImportMixin, UnitScopedAdmin):
    readonly_change_form = True
    list_display = [
        "number",
        "applicant_name",
        "category",
        "matter",
        "origin",
        "state",
        "received_on",
        "urgent",
    ]
    list_filter = ["state", "category", "origin", "urgent", "year"]
    search_fields = ["number", "applicant_name"]
    date_hierarchy = "received_on"
    add_form_class = f.RegisterForm
    import_spec = imports.CASE_IMPORT
    import_title = "导入法律援助案件台账"
    object_panel_template = "legal_aid/case_panel.html"
    list_before_template = "legal_aid/case_tools.html"
    actions = [export_xlsx, export_personal]
    export_fields = (
        "number",
        "origin",
        "channel",
        "category",
        "criminal_stage",
        "matter",
        "received_on",
        "applicant_name",
        "state",
        "granted_on",
        "assigned_on",
        "provider_name",
        "closed_on",
        "subsidy",
    )
    personal_columns = [
        ("案号", lambda c: c.number),
        ("姓名", lambda c: c.applicant_name),
        ("居民身份证号码", lambda c: c.applicant_id_number),
        ("联系电话", lambda c: c.applicant_phone),
        ("住所地", lambda c: c.applicant_address),
    ]
    fieldsets = [
        (
            "案件",
            {
                "fields": [
                    "number",
                    "state",
                    "origin",
                    "channel",
                    "notifying_organ",
                    "category",
                    "criminal_stage",
                    "matter",
                    "summary",
                    "received_on",
                    "urgent",
                    "limitation_due_on",
                ]
            },
        ),
        (
            "申请人（受援人）",
            {
                "fields": [
                    "applicant_name",
                    "applicant_gender",
                    "shown_id_number",
                    "shown_phone",
                    "shown_address",
                    "applicant_is_minor",
                    "means_test",
                    "exemption_reason",
                ]
            },
        ),
        (
            "审查与指派",
            {
                "fields": [
                    "correction_requested_on",
                    "correction_items",
                    "correction_completed_on",
                    "decided_on",
                    "refusal_reason",
                    "objection_on",
                    "objection_result",
                    "assigned_on",
                    "provider_kind",
                    "provider_name",
                    "provider_org",
                ]
            },
        ),
        (
            "结案",
            {"fields": ["closed_on", "result", "closing_report", "subsidy", "terminated_on"]},
        ),
    ]
    object_actions = [
        ObjectAction(
            "means",
            "经济困难审查",
            f.MeansForm,
            lambda request, case, data: services.case_record_means_test(
                actor=request.user, case=case, **data
            ),
            visible=_states(CaseState.RECEIVED, CaseState.INCOMPLETE),
            rule="《法律援助法》第四十一条、第四十二条",
        ),
        _action(
            "request_correction",
            "一次性告知补正",
            f.CorrectionForm,
            services.case_request_correction,
            (CaseState.RECEIVED,),
            "《法律援助法》第四十三条第二款",
        ),
        _action(
            "complete",
            "补正完成",
            f.OnForm,
            services.case_complete,
            (CaseState.INCOMPLETE,),
            "《法律援助法》第四十三条第二款",
        ),
        _action(
            "deem_withdrawn",
            "逾期未补正，视为撤回",
            f.OnForm,
            services.case_deem_withdrawn,
            (CaseState.INCOMPLETE,),
        ),
        _action(
            "urgent_aid",
            "先行提供法律援助",
            f.OnForm,
            services.case_give_urgent_aid,
            (CaseState.RECEIVED, CaseState.INCOMPLETE),
            "《法律援助法》第四十四条",
        ),
        _action(
            "grant",
            "决定给予法律援助",
            f.OnForm,
            services.case_grant,
            (CaseState.RECEIVED,),
            "《法律援助法》第四十三条第一款",
        ),
        _action(
            "refuse",
            "决定不予法律援助",
            f.RefuseForm,
            services.case_refuse,
            (CaseState.RECEIVED,),
            "《法律援助法》第四十三条第一款",
        ),
        _action(
            "object",
            "登记异议",
            f.ObjectForm,
            services.case_object,
            (CaseState.REFUSED,),
            "《法律援助法》第四十九条",
        ),
        _action(
            "decide_objection",
            "异议审查决定",
            f.ObjectionDecisionForm,
            services.case_decide_objection,
            (CaseState.OBJECTION,),
            "《法律援助法》第四十九条",
            verb="uphold",
        ),
        _action(
            "assign",
            "指派承办人",
            f.AssignForm,
            services.case_assign,
            (CaseState.GRANTED,),
            "《法律援助法》第四十三条第一款",
        ),
        ObjectAction(
            "quality",
            "质量检查",
            f.QualityForm,
            lambda request, case, data: services.quality_check_record(
                actor=request.user, case=case, **data
            ),
            visible=_states(CaseState.ASSIGNED, CaseState.CLOSED),
            rule="《法律援助法》第五十九条",
        ),
        _action(
            "close",
            "结案",
            f.CloseForm,
            services.case_close,
            (CaseState.ASSIGNED,),
            "《法律援助法》第五十条",
        ),
        _action(
            "terminate",
            "终止法律援助",
            f.TerminateForm,
            services.case_terminate,
            (CaseState.ASSIGNED,),
            "《法律援助法》第四十八条",
        ),
    ]

    @admin.display(description="居民身份证号码")
    def shown_id_number(self, case):
        return masked_id(case.applicant_id_number) or "—"

    @admin.display(description="联系电话")
    def shown_phone(self, case):
        return masked_phone(case.applicant_phone) or "—"

    @admin.display(description="住所地")
    def shown_address(self, case):
        return masked_text(case.applicant_address) or "—"

    def get_readonly_fields(self, request, obj=None):
        return [name for _title, spec in self.fieldsets for name in spec["fields"]]

    def has_delete_permission(self, request, obj=None):
        return False

    def add_run(self, request, data):
        return services.case_register(actor=request.user, **data)

    def get_search_results(self, request, queryset, search_term):
        """An 18-character term is looked up in the blind index of identity numbers."""
        term = normalise(search_term)
        if len(term) == 18:
            return queryset.filter(applicant_id_index=blind_index(term, "resident_id")), False
        return super().get_search_results(request, queryset, search_term)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        case = (getattr(response, "context_data", None) or {}).get("original")
        if request.method == "GET" and response.status_code == 200 and case is not None:
            record_access_event(
                request,
                AccessEventKind.SENSITIVE_VIEW,
                obj=case,
                detail={
                    "fields": [
                        "姓名",
                        "居民身份证号码（脱敏）",
                        "联系电话（脱敏）",
                        "住所地（脱敏）",
                    ]
                },
            )
        return response

    def object_panel_context(self, request, case):
        return {
            "case": case,
            "case_clocks": clocks_for(case),
            "case_documents": documents.available_kinds(case),
            "case_timeline": case.timeline.select_related("actor"),
            "case_checks": case.quality_checks.all(),
            "reveal_url": reverse("admin:legal_aid_aidcase_personal", args=[case.pk]),
        }

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/document/<str:kind>/",
                view(self.document_view),
                name="legal_aid_aidcase_document",
            ),
            path(
                "<path:object_id>/personal/",
                view(self.personal_view),
                name="legal_aid_aidcase_personal",
            ),
            path("notice/", view(self.notice_view), name="legal_aid_aidcase_notice"),
            path("statistics/", view(self.statistics_view), name="legal_aid_aidcase_statistics"),
        ] + super().get_urls()

    def _case(self, request, object_id) -> AidCase:
        case = (
            self.get_queryset(request).filter(pk=object_id).first() if object_id.isdigit() else None
        )
        if case is None:
            raise Http404("没有找到该记录。")
        return case

    def document_view(self, request, object_id, kind):
        case = self._case(request, object_id)
        try:
            content = documents.render(case, kind)
        except ValidationError as exc:
            raise Http404(exc.messages[0]) from exc
        record_access_event(
            request,
            AccessEventKind.SENSITIVE_VIEW,
            obj=case,
            detail={"document": DocumentKind(kind).label},
        )
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        name = documents.file_name(case, kind)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response

    def personal_view(self, request, object_id):
        """The full identifiers, on request; each view is one access-log entry (C1, G3)."""
        case = self._case(request, object_id)
        record_access_event(
            request,
            AccessEventKind.SENSITIVE_VIEW,
            obj=case,
            detail={"fields": ["居民身份证号码", "联系电话", "住所地"], "full": True},
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"申请人完整信息：{case}",
            "opts": self.model._meta,
            "case": case,
        }
        return TemplateResponse(request, "legal_aid/personal.html", context)

    def _units(self, request):
        visible = visible_unit_ids(request.user)
        return Unit.objects.all() if visible is None else Unit.objects.filter(pk__in=visible)

    def _year(self, request) -> int:
        raw = request.GET.get("year", "")
        return (
            int(raw)
            if raw.isdigit() and 2000 <= int(raw) <= 2100
            else timezone.localdate().year - 1
        )

    def notice_view(self, request):
        """The yearly public notice (第五十八条) generated from the records in view."""
        year = self._year(request)
        notice = selectors.public_notice(self._units(request), year)
        unit_name = request.user.unit.name if request.user.unit_id else "法律援助机构"
        content = documents.public_notice(notice, unit_name=unit_name)
        record_access_event(
            request, AccessEventKind.EXPORT, detail={"model": "法律援助年度公示", "year": year}
        )
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="legal_aid_notice_{year}.docx"'
        return response

    def statistics_view(self, request):
        """Cases by category and stage, consultations by channel (the justice statistics)."""
        year = self._year(request)
        rows = selectors.statistics_rows(self._units(request), year)
        record_access_event(
            request, AccessEventKind.EXPORT, detail={"model": "法律援助统计表", "year": year}
        )
        response = HttpResponse(
            build_workbook(["项目", "分类", f"{year}年"], rows, title="法律援助统计表"),
            content_type=XLSX,
        )
        response["Content-Disposition"] = f'attachment; filename="legal_aid_statistics_{year}.xlsx"'
        return response


@admin.register(Consultation, site=site)
class ConsultationAdmin(ServiceAddMixin, ExcelImportMixin, UnitScopedAdmin):
    list_display = ["consulted_on", "channel", "topic", "persons", "referral", "tally", "summary"]
    list_filter = ["channel", "topic", "tally", "referral"]
    date_hierarchy = "consulted_on"
    add_form_class = f.ConsultationForm
    import_spec = imports.TALLY_IMPORT
    import_title = "导入每日咨询汇总"
    readonly_fields = [
        "consulted_on",
        "channel",
        "topic",
        "summary",
        "referral",
        "persons",
        "tally",
    ]
    fields = readonly_fields

    def add_run(self, request, data):
        return services.consultation_record(actor=request.user, **data)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SubsidyRate, site=site)
class SubsidyRateAdmin(ServiceAddMixin, UnitScopedAdmin):
    list_display = ["category", "criminal_stage", "amount", "effective_from"]
    list_filter = ["category"]
    add_form_class = f.RateForm
    fields = readonly_fields = ["category", "criminal_stage", "amount", "effective_from"]

    def add_run(self, request, data):
        return services.subsidy_rate_set(actor=request.user, **data)


@admin.register(DocumentTemplate, site=site)
class DocumentTemplateAdmin(ServiceAddMixin, UnitScopedAdmin):
    list_display = ["kind", "active", "uploaded_at"]
    list_filter = ["kind", "active"]
    add_form_class = f.TemplateUploadForm
    fields = readonly_fields = ["kind", "file", "active", "uploaded_at"]
    list_before_template = "legal_aid/template_tools.html"

    def add_run(self, request, data):
        return services.template_upload(
            actor=request.user, kind=data["kind"], data=data["file"].read()
        )

    def get_urls(self):
        return [
            path(
                "default/<str:kind>/",
                self.admin_site.admin_view(self.default_view),
                name="legal_aid_documenttemplate_default",
            )
        ] + super().get_urls()

    def default_view(self, request, kind):
        """The shipped template of `kind`, to edit in Word and upload back."""
        if kind not in DocumentKind.values:
            raise Http404("没有该文书种类。")
        response = HttpResponse(
            documents.default_template_bytes(kind),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="{kind}_template.docx"'
        return response

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        extra_context["template_kinds"] = DocumentKind.choices
        extra_context["template_fields"] = documents.FIELDS
        return super().changelist_view(request, extra_context)
