"""The reconsideration office's back office: the ledger (台账), the case page with its steps,
文书 generation, templates, the Excel import and the statistics page."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from fazhi.core.access import get_for_user_or_404
from fazhi.core.admin import (
    ReadOnlyInline,
    ReadOnlyMixin,
    UnitScopedAdmin,
    can_work_on_records,
    export_xlsx,
    site,
)
from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind, Role, Unit
from fazhi.core.params import int_param, year_param
from fazhi.reconsideration import documents, selectors, services, workflow
from fazhi.reconsideration import imports as ledger
from fazhi.reconsideration.forms import (
    STEP_FORMS,
    CaseChangeForm,
    CaseRegistrationForm,
    LedgerImportForm,
    TemplateUploadForm,
    errors_onto_form,
)
from fazhi.reconsideration.models import (
    OPEN_ACCEPTED_STATES,
    CaseEvent,
    CaseHearing,
    CaseNumberCounter,
    CaseParty,
    CaseStatus,
    CaseSuspension,
    DocumentKind,
    DocumentTemplate,
    LedgerImport,
    OpinionLetter,
    ReconsiderationCase,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def is_recon_officer(request) -> bool:
    user = getattr(request, "user", request)
    return user.is_active and (user.is_superuser or user.has_role(Role.RECONSIDERATION_OFFICER))


def can_open_register(request) -> bool:
    """Sidebar: the cases and lawsuits, for the reconsideration officer, the office and a unit's
    head (the respondent's or defendant's 负责人); a department's clerk does not see them."""
    user = getattr(request, "user", request)
    return can_work_on_records(request) and (
        user.is_superuser
        or user.has_role(Role.RECONSIDERATION_OFFICER, Role.OFFICE_STAFF, Role.UNIT_HEAD)
    )


def can_read_statistics(request) -> bool:
    """Sidebar: 复议应诉统计, for the reconsideration officer and the office."""
    user = getattr(request, "user", request)
    return can_work_on_records(request) and (
        user.is_superuser or user.has_role(Role.RECONSIDERATION_OFFICER, Role.OFFICE_STAFF)
    )


def _attachment(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


class OverdueFilter(admin.SimpleListFilter):
    title = "期限"
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "逾期未结"),
            ("due_soon", "7日内到期"),
            ("closed_late", "逾期办结"),
            ("acceptance_overdue", "受理审查期已届满"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        running = queryset.filter(
            status__in=[s for s in OPEN_ACCEPTED_STATES if s != CaseStatus.SUSPENDED]
        )
        if self.value() == "overdue":
            return running.filter(decision_due_on__lt=today)
        if self.value() == "due_soon":
            return running.filter(decision_due_on__range=(today, today + timedelta(days=7)))
        if self.value() == "closed_late":
            return queryset.filter(status=CaseStatus.CLOSED, decided_on_time=False)
        if self.value() == "acceptance_overdue":
            return queryset.filter(status=CaseStatus.RECEIVED, acceptance_due_on__lt=today)
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = "收案年度"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .order_by("-case_year")
            .values_list("case_year", flat=True)
            .distinct()
        )
        return [(str(y), f"{y}年") for y in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(received_on__year=int(self.value()))
        return queryset


class PartyInline(admin.TabularInline):
    model = CaseParty
    extra = 0
    fields = ["role", "kind", "name", "id_type", "id_number", "phone", "address", "is_lawyer"]
    masked_fields = [
        "role",
        "kind",
        "name",
        "id_type",
        "masked_id_number",
        "masked_phone",
        "address",
        "is_lawyer",
    ]

    def _may_edit(self, request, obj):
        return obj is not None and bool(workflow.may_update(request.user, obj))

    def get_fields(self, request, obj=None):
        """D2: readers who cannot edit the case see the ID number and phone masked."""
        return self.fields if self._may_edit(request, obj) else self.masked_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if self._may_edit(request, obj) else self.masked_fields

    @admin.display(description="证件号码")
    def masked_id_number(self, party):
        return party.masked_id_number

    @admin.display(description="联系电话")
    def masked_phone(self, party):
        return party.masked_phone

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_view_permission(self, request, obj=None):
        return True


class HearingInline(ReadOnlyInline):
    model = CaseHearing
    fields = [
        "kind",
        "method",
        "held_on",
        "notice_sent_on",
        "chair",
        "clerk",
        "respondent_head_attended",
    ]
    readonly_fields = fields


class SuspensionInline(ReadOnlyInline):
    model = CaseSuspension
    fields = [
        "ground",
        "detail",
        "started_on",
        "notice_sent_on",
        "resumed_on",
        "resume_notice_sent_on",
    ]
    readonly_fields = fields


class TimelineInline(ReadOnlyInline):
    model = CaseEvent
    verbose_name_plural = "办案记录（时间线）"
    fields = ["on", "text", "citation", "actor"]
    readonly_fields = fields


REGISTRATION_FIELDSETS = (
    (
        "申请人",
        {
            "fields": (
                ("applicant_kind", "applicant_name"),
                ("applicant_id_type", "applicant_id_number"),
                ("applicant_phone", "applicant_address"),
                "applicant_representative",
            )
        },
    ),
    (
        "被申请人与被申请复议的行政行为",
        {
            "fields": (
                "respondent_unit",
                ("act_type", "field"),
                "act_description",
                ("act_document_number", "act_date"),
                ("act_amount", "is_real_estate"),
                ("act_on_the_spot", "act_is_warning", "all_parties_agree_simple"),
                ("prerequisite_ground", "prerequisite_basis"),
            )
        },
    ),
    (
        "申请",
        {
            "fields": (
                ("channel", "received_on", "postmarked_on"),
                "request",
                "facts",
                "reasons",
                ("oral_recorded_at", "oral_confirmed"),
                ("forwarded_by", "forwarding_agency_received_on"),
            )
        },
    ),
    (
        "申请期限（第二十条、第二十一条）",
        {
            "fields": (
                ("known_on", "rights_notified", "rights_learned_on"),
                ("obstacle_started_on", "obstacle_ended_on"),
                "obstacle_reason",
            )
        },
    ),
    ("审理", {"fields": (("is_major_complex", "is_technical", "committee_required"), "handler")}),
)


@admin.register(ReconsiderationCase, site=site)
class ReconsiderationCaseAdmin(UnitScopedAdmin):
    list_display = [
        "case_number",
        "applicant_name",
        "respondent_unit",
        "act_type",
        "field",
        "status",
        "received_on",
        "accepted_on",
        "decision_due_display",
        "outcome",
    ]
    list_filter = [
        "status",
        YearFilter,
        OverdueFilter,
        ("respondent_unit", admin.RelatedOnlyFieldListFilter),
        "field",
        "outcome",
        "procedure",
    ]
    search_fields = ["case_number", "applicant_name", "act_description", "act_document_number"]
    date_hierarchy = "received_on"
    list_select_related = ["respondent_unit"]
    change_form_outer_before_template = "reconsideration/case_panel.html"
    list_before_template = "reconsideration/case_list_before.html"
    export_fields = tuple(c.key for c in ledger.EXPORT_COLUMNS)
    actions = [export_xlsx, "export_ledger"]

    @admin.display(description="决定期限", ordering="decision_due_on")
    def decision_due_display(self, obj):
        if obj.decision_due_on is None:
            return "—"
        late = (
            obj.status in OPEN_ACCEPTED_STATES
            and obj.status != CaseStatus.SUSPENDED
            and obj.decision_due_on < timezone.localdate()
        ) or obj.decided_on_time is False
        text = f"{obj.decision_due_on:%Y-%m-%d}"
        return (
            format_html('<span class="text-red-600 font-semibold">{}（逾期）</span>', text)
            if late
            else text
        )

    # --- who may do what ------------------------------------------------------------------

    def has_add_permission(self, request):
        return is_recon_officer(request) and request.user.unit_id is not None

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return can_work_on_records(request)
        return bool(workflow.may_update(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return False  # 案号 stay gap-free: a case is closed, never deleted

    # --- forms ----------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return REGISTRATION_FIELDSETS
        return (
            ("案件", {"fields": (("case_number", "status"), ("unit", "handler"))}),
            *REGISTRATION_FIELDSETS[:-1],
            (
                "审理",
                {
                    "fields": (
                        ("procedure", "simple_ground"),
                        ("is_major_complex", "is_technical", "committee_required"),
                        "written_review_reason",
                        ("third_party_evidence", "publish_decision"),
                        "outcome_grounds",
                        "version",
                    )
                },
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        editable = set(services.EDITABLE_FIELDS) | {"version"}
        if not self.has_change_permission(request, obj):
            editable = set()
        return [
            f.name
            for f in self.model._meta.concrete_fields
            if f.name not in editable and f.name != "id"
        ]

    def get_exclude(self, request, obj=None):
        return []

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = type(
                "BoundRegistrationForm", (CaseRegistrationForm,), {"request_user": request.user}
            )
        else:
            kwargs["form"] = CaseChangeForm
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "respondent_unit":
            division = request.user.unit.division if request.user.unit_id else None
            kwargs["queryset"] = (
                Unit.objects.in_subtree(division)
                .filter(active=True)
                .exclude(pk=request.user.unit_id)
                .order_by("division__code", "name")
                if division
                else Unit.objects.none()
            )
        if db_field.name == "handler":
            from fazhi.core.models import User

            kwargs["queryset"] = User.objects.filter(
                unit_id=request.user.unit_id, roles__contains=[Role.RECONSIDERATION_OFFICER]
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        return [PartyInline, HearingInline, SuspensionInline, TimelineInline]

    def save_model(self, request, obj, form, change):
        if not change:
            services.application_register(actor=request.user, case=obj)
            return
        changes = {
            f: form.cleaned_data[f] for f in form.changed_data if f in services.EDITABLE_FIELDS
        }
        updated = services.case_update(
            actor=request.user,
            case=obj,
            expected_version=form.cleaned_data["version"],
            **changes,
        )
        obj.version = updated.version

    def response_add(self, request, obj, post_url_continue=None):
        messages.success(request, f"已登记，案号 {obj.case_number}。")
        return redirect(reverse("admin:reconsideration_reconsiderationcase_change", args=[obj.pk]))

    # --- the case page --------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            case = get_for_user_or_404(ReconsiderationCase, request.user, pk=object_id)
            extra_context["panel"] = selectors.case_panel(case=case, user=request.user)
            if is_recon_officer(request):
                record_access_event(request, AccessEventKind.SENSITIVE_VIEW, obj=case)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/step/<str:verb>/",
                self.admin_site.admin_view(self.step_view),
                name="reconsideration_case_step",
            ),
            path(
                "<path:object_id>/document/<str:kind>/",
                self.admin_site.admin_view(self.document_view),
                name="reconsideration_case_document",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="reconsideration_ledger_import",
            ),
            path(
                "import/template/",
                self.admin_site.admin_view(self.import_template_view),
                name="reconsideration_ledger_template",
            ),
            path(
                "statistics/",
                self.admin_site.admin_view(self.statistics_view),
                name="reconsideration_statistics",
            ),
        ]
        return own + super().get_urls()

    def _page(self, request, template, **context):
        return TemplateResponse(
            request,
            template,
            {**self.admin_site.each_context(request), "opts": self.model._meta, **context},
        )

    def step_view(self, request, object_id, verb):
        case = get_for_user_or_404(ReconsiderationCase, request.user, pk=object_id)
        form_class = STEP_FORMS.get(verb)
        if form_class is None:
            from django.http import Http404

            raise Http404("没有这个办案步骤。")
        if not workflow.may_update(request.user, case):
            raise PermissionDenied
        form = form_class(request.POST or None, case=case)
        if request.method == "POST" and form.is_valid():
            try:
                form.apply(request.user)
            except ValidationError as exc:
                errors_onto_form(form, exc)
            else:
                messages.success(request, f"已完成：{form.title}。")
                return redirect(
                    reverse("admin:reconsideration_reconsiderationcase_change", args=[case.pk])
                )
        return self._page(
            request,
            "reconsideration/step.html",
            title=f"{form.title}｜{case.case_number}",
            case=case,
            form=form,
            transition=workflow.TRANSITIONS[verb],
        )

    def document_view(self, request, object_id, kind):
        case = get_for_user_or_404(ReconsiderationCase, request.user, pk=object_id)
        try:
            data, name = services.case_generate_document(actor=request.user, case=case, kind=kind)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return redirect(
                reverse("admin:reconsideration_reconsiderationcase_change", args=[case.pk])
            )
        record_access_event(request, AccessEventKind.EXPORT, obj=case, detail={"document": kind})
        return _attachment(data, name, DOCX)

    def import_view(self, request):
        if not is_recon_officer(request) or request.user.unit_id is None:
            raise PermissionDenied
        form = LedgerImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = ledger.ledger_import(
                    actor=request.user,
                    unit=request.user.unit,
                    data=upload.read(),
                    file_name=upload.name,
                    request=request,
                )
            except ValidationError as exc:
                form.add_error("file", exc.messages)
            else:
                messages.success(
                    request,
                    f"导入完成：新建 {result.rows_created} 件，已存在且无变化 {result.rows_unchanged} 件。",
                )
                return redirect(reverse("admin:reconsideration_reconsiderationcase_changelist"))
        return self._page(
            request,
            "reconsideration/import.html",
            title="导入行政复议台账",
            form=form,
            columns=ledger.IMPORT_COLUMNS,
            notes=ledger.IMPORT_NOTES,
        )

    def import_template_view(self, request):
        if not can_work_on_records(request):
            raise PermissionDenied
        return _attachment(ledger.import_template(), "行政复议台账导入模板.xlsx", XLSX)

    def statistics_view(self, request):
        if not can_work_on_records(request):
            raise PermissionDenied
        year = year_param(request)
        return self._page(
            request,
            "reconsideration/statistics.html",
            title=f"复议应诉统计（{year}年）",
            year=year,
            years=range(timezone.localdate().year, 2019, -1),
            **selectors.statistics(
                user=request.user,
                year=year,
                stated_upheld_rate=int_param(
                    request, "stated", default=None, minimum=0, maximum=100, label="报告所载维持率"
                ),
            ),
        )

    # --- ledger export --------------------------------------------------------------------

    @admin.action(description="导出台账（Excel，可再导入）")
    def export_ledger(self, request, queryset):
        data = ledger.export_ledger(queryset.select_related("respondent_unit"))
        record_access_event(
            request,
            AccessEventKind.EXPORT,
            detail={"model": self.model._meta.label, "rows": queryset.count()},
        )
        return _attachment(data, "行政复议台账.xlsx", XLSX)


@admin.register(CaseNumberCounter, site=site)
class CaseNumberCounterAdmin(UnitScopedAdmin):
    list_display = ["year", "pattern", "last_number"]
    fields = ["year", "pattern", "last_number"]
    readonly_fields = ["last_number"]

    def has_module_permission(self, request):
        return is_recon_officer(request)

    def has_add_permission(self, request):
        return is_recon_officer(request)

    def has_change_permission(self, request, obj=None):
        return is_recon_officer(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["year", "last_number"] if obj else ["last_number"]


@admin.register(DocumentTemplate, site=site)
class DocumentTemplateAdmin(UnitScopedAdmin):
    list_display = ["kind", "active", "note", "uploaded_by", "uploaded_at"]
    list_filter = ["kind", "active"]
    fields = ["kind", "file", "active", "note", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]
    change_list_template = "reconsideration/template_changelist.html"

    def has_module_permission(self, request):
        return is_recon_officer(request)

    def has_add_permission(self, request):
        return False  # through the upload page, which validates the placeholders

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["kind", "file", "uploaded_by", "uploaded_at"]

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="reconsideration_template_upload",
            ),
            path(
                "default/<str:kind>/",
                self.admin_site.admin_view(self.default_view),
                name="reconsideration_template_default",
            ),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "kinds": DocumentKind.choices,
            "fields": documents.FIELDS,
        }
        return super().changelist_view(request, extra_context)

    def upload_view(self, request):
        if not is_recon_officer(request) or request.user.unit_id is None:
            raise PermissionDenied
        form = TemplateUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.template_upload(
                    actor=request.user,
                    unit=request.user.unit,
                    kind=form.cleaned_data["kind"],
                    uploaded=form.cleaned_data["file"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                errors_onto_form(form, exc)
            else:
                messages.success(request, "模板已启用。")
                return redirect(reverse("admin:reconsideration_documenttemplate_changelist"))
        return TemplateResponse(
            request,
            "reconsideration/template_upload.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "上传文书模板",
                "form": form,
                "fields": documents.FIELDS,
            },
        )

    def default_view(self, request, kind):
        if not is_recon_officer(request) or kind not in DocumentKind.values:
            raise PermissionDenied
        return _attachment(
            documents.default_template_bytes(kind),
            f"{DocumentKind(kind).label}（默认模板）.docx",
            DOCX,
        )


@admin.register(LedgerImport, site=site)
class LedgerImportAdmin(ReadOnlyMixin, UnitScopedAdmin):
    list_display = [
        "file_name",
        "imported_at",
        "imported_by",
        "rows_total",
        "rows_created",
        "rows_unchanged",
    ]
    readonly_fields = [
        "file_name",
        "sha256",
        "rows_total",
        "rows_created",
        "rows_unchanged",
        "imported_by",
        "imported_at",
    ]
    fields = readonly_fields

    def has_module_permission(self, request):
        return is_recon_officer(request)


@admin.register(OpinionLetter, site=site)
class OpinionLetterAdmin(ReadOnlyMixin, UnitScopedAdmin):
    """F26 tracking list: 意见书 and the recipients' reports, due 60 days after receipt."""

    list_display = [
        "case",
        "recipient_unit",
        "issued_on",
        "received_on",
        "reply_due_on",
        "replied_on",
    ]
    list_filter = [("recipient_unit", admin.RelatedOnlyFieldListFilter)]
    fields = [
        "case",
        "recipient_unit",
        "content",
        "issued_on",
        "received_on",
        "reply_due_on",
        "reply_due_explanation",
        "replied_on",
        "reply_summary",
    ]

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("case", "recipient_unit")

    def get_search_results(self, request, queryset, search_term):
        if search_term:
            queryset = queryset.filter(Q(case__case_number__contains=search_term))
        return queryset, False
