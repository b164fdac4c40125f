"""Back office of the enforcement register: officers and certificates, exams, removals,
training, the closed-case ledger (with Excel import) and the case-file review.

Records change only through the services (actions and add pages); change forms are read-only.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.core.admin_actions import (
    ExcelImportMixin,
    ObjectAction,
    ObjectActionsMixin,
    ServiceAddMixin,
)
from fazhi.core.crypto import blind_index
from fazhi.enforcement import forms as f
from fazhi.enforcement import imports, selectors, services
from fazhi.enforcement.access import may_see_id_numbers, may_supervise
from fazhi.enforcement.models import (
    ID_PURPOSE,
    BatchState,
    CampaignState,
    Certificate,
    CertificateBatch,
    CertificateState,
    DeductionState,
    EnforcementCase,
    ExamRegistration,
    ExamSitting,
    NoticeState,
    Officer,
    OfficerStatus,
    RectificationNotice,
    Removal,
    RemovalCampaign,
    ReviewCampaign,
    ScoreSheet,
    ScoringItem,
    ScoringTemplate,
    SheetState,
    StatusChange,
    TrainingAttendance,
    TrainingSession,
)
from fazhi.enforcement.workflow import (
    BATCH_WORKFLOW,
    CAMPAIGN_WORKFLOW,
    CERTIFICATE_WORKFLOW,
    NOTICE_WORKFLOW,
    SHEET_WORKFLOW,
    supervisor_only,
)

_request: ContextVar = ContextVar("enforcement_admin_request", default=None)


def _check(workflow, verb):
    return lambda user, obj: workflow.check(verb, user, obj)


def _state_in(*states):
    return lambda obj: obj.state in states


def _supervisor_check(user, obj):
    return supervisor_only(user)


def _bound(form_class, **kwargs):
    class Bound(form_class):
        def __init__(self, *args, **more):
            super().__init__(*args, **{**kwargs, **more})

    Bound.__name__ = form_class.__name__
    return Bound


class RegisterAdmin(ServiceAddMixin, ObjectActionsMixin, UnitScopedAdmin):
    """Read-only change forms; the add page runs the register's creating service with a form
    bound to the request (`add_form_kwargs`)."""

    readonly_change_form = True
    add_form_base = None
    supervision_only_add = False

    @property
    def add_form_class(self):
        request = _request.get()
        if self.add_form_base is None or request is None:
            return None
        return _bound(self.add_form_base, **self.add_form_kwargs(request))

    def add_form_kwargs(self, request) -> dict:
        return {}

    def add_view(self, request, form_url="", extra_context=None):
        token = _request.set(request)
        try:
            return super().add_view(request, form_url, extra_context)
        finally:
            _request.reset(token)

    def units_for(self, request):
        return selectors.units_for(request.user).order_by("name")

    def unit_of(self, request, data):
        return data.get("unit") or request.user.unit

    def get_readonly_fields(self, request, obj=None):
        opts = self.model._meta
        names = [f.name for f in opts.fields if f.name not in ("id", "id_number_index")]
        return names + [f.name for f in opts.many_to_many]

    def has_add_permission(self, request):
        if self.supervision_only_add and not may_supervise(request.user):
            return False
        return super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


# --- officers --------------------------------------------------------------------------------


class StatusInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    fields = ["on", "kind", "from_unit", "to_unit", "note"]
    readonly_fields = fields
    verbose_name_plural = "人员状态记录"

    def has_add_permission(self, request, obj=None):
        return False


class CertificateInline(admin.TabularInline):
    model = Certificate
    extra = 0
    can_delete = False
    fields = ["number", "state", "issued_on", "valid_until", "revoked_on", "revoke_reason"]
    readonly_fields = fields
    verbose_name_plural = "行政执法证"

    def has_add_permission(self, request, obj=None):
        return False


def _reveal(request, officer, data):
    request.enforcement_revealed = selectors.officer_id_number(
        user=request.user, officer=officer, request=request
    )


@admin.register(Officer, site=site)
class OfficerAdmin(RegisterAdmin):
    list_display = ["name", "masked_id", "unit", "person_type", "on_roll", "status", "position"]
    list_filter = ["person_type", "on_roll", "status", "legal_qualification", "unit"]
    search_fields = ["name", "position", "domains"]
    fields = [
        "name",
        "masked_id",
        "unit",
        "person_type",
        "on_roll",
        "status",
        "position",
        "legal_qualification",
        "domains",
        "joined_on",
    ]
    inlines = [CertificateInline, StatusInline]
    add_form_base = f.OfficerForm
    object_panel_template = "enforcement/officer_panel.html"
    export_fields = ("name", "unit", "person_type", "on_roll", "status", "position", "domains")
    object_actions = [
        ObjectAction(
            "transfer",
            "调动",
            f.TransferForm,
            lambda request, officer, data: services.officer_transfer(
                actor=request.user,
                officer=officer,
                to_unit=data["to_unit"],
                on=data["on"],
                note=data["note"],
            ),
            check=_supervisor_check,
            visible=lambda officer: officer.status == OfficerStatus.ACTIVE,
            form_kwargs=lambda request, officer: {"units": selectors.units_for(request.user)},
        ),
        ObjectAction(
            "off_roll",
            "登记不在编不在岗",
            f.DatedNoteForm,
            lambda request, officer, data: services.officer_mark_off_roll(
                actor=request.user, officer=officer, on=data["on"], note=data["note"]
            ),
            visible=lambda officer: officer.on_roll and officer.status == OfficerStatus.ACTIVE,
        ),
        ObjectAction(
            "leave",
            "登记调离/离职",
            f.DatedNoteForm,
            lambda request, officer, data: services.officer_leave(
                actor=request.user, officer=officer, on=data["on"], note=data["note"]
            ),
            visible=lambda officer: officer.status == OfficerStatus.ACTIVE,
        ),
    ]

    @admin.display(description="身份证号码")
    def masked_id(self, obj):
        return obj.masked_id_number

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def get_search_results(self, request, queryset, search_term):
        """An 18-character term is looked up through the blind index (exact match only)."""
        term = search_term.strip().upper()
        if len(term) == 18 and term[:17].isdigit():
            index = blind_index(term, ID_PURPOSE)
            return queryset.filter(id_number_index=index), False
        return super().get_search_results(request, queryset, search_term)

    def add_form_kwargs(self, request):
        return {"units": self.units_for(request)}

    def add_run(self, request, data):
        return services.officer_register(
            actor=request.user,
            unit=self.unit_of(request, data),
            name=data["name"],
            id_number=data["id_number"],
            person_type=data["person_type"],
            on_roll=data["on_roll"],
            position=data["position"],
            legal_qualification=data["legal_qualification"],
            domains=data["domains"],
            joined_on=data["joined_on"],
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/id-number/",
                self.admin_site.admin_view(self.id_number_view),
                name="enforcement_officer_id_number",
            )
        ] + super().get_urls()

    def id_number_view(self, request, object_id):
        """The full ID number, for an account with the clearance; the view is logged."""
        officer = self.get_object(request, object_id)
        if officer is None:
            from django.http import Http404

            raise Http404("没有找到该记录。")
        if not may_see_id_numbers(request.user):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"{officer.name}的身份证号码",
            "officer": officer,
            "opts": self.model._meta,
            "id_number": selectors.officer_id_number(
                user=request.user, officer=officer, request=request
            ),
        }
        return TemplateResponse(request, "enforcement/id_number.html", context)

    def object_panel_context(self, request, obj):
        return {
            "officer": obj,
            "may_reveal": may_see_id_numbers(request.user),
            "hours": selectors.officer_training_hours(user=request.user, officer=obj),
        }


# --- certificates ----------------------------------------------------------------------------


@admin.register(Certificate, site=site)
class CertificateAdmin(RegisterAdmin):
    list_display = ["number", "officer", "unit", "state", "issued_on", "valid_until"]
    list_filter = ["state", "unit"]
    search_fields = ["number", "officer__name"]
    date_hierarchy = "valid_until"
    object_panel_template = "enforcement/certificate_panel.html"

    def has_add_permission(self, request):
        return False

    object_actions = [
        ObjectAction(
            "issue",
            "录入证号、发证",
            f.IssueForm,
            lambda request, cert, data: services.certificate_issue(
                actor=request.user, certificate=cert, number=data["number"], on=data["on"]
            ),
            check=_check(CERTIFICATE_WORKFLOW, "issue"),
            visible=_state_in(CertificateState.APPLYING),
            rule=CERTIFICATE_WORKFLOW["issue"].rule,
        ),
        ObjectAction(
            "suspend",
            "暂扣",
            f.ReasonForm,
            lambda request, cert, data: services.certificate_suspend(
                actor=request.user, certificate=cert, on=data["on"], reason=data["reason"]
            ),
            check=_check(CERTIFICATE_WORKFLOW, "suspend"),
            visible=_state_in(CertificateState.VALID),
        ),
        ObjectAction(
            "reinstate",
            "恢复使用",
            f.OnForm,
            lambda request, cert, data: services.certificate_reinstate(
                actor=request.user, certificate=cert, on=data["on"]
            ),
            check=_check(CERTIFICATE_WORKFLOW, "reinstate"),
            visible=_state_in(CertificateState.SUSPENDED),
        ),
        ObjectAction(
            "revoke",
            "注销",
            f.ReasonForm,
            lambda request, cert, data: services.certificate_revoke(
                actor=request.user, certificate=cert, on=data["on"], reason=data["reason"]
            ),
            check=lambda user, cert: supervisor_only(user),
            visible=lambda cert: cert.state != CertificateState.REVOKED,
        ),
    ]

    def object_panel_context(self, request, obj):
        return {"steps": obj.history.all()}


def _apply(request, batch, data):
    exam = data["exam"]
    services.certificate_apply(
        actor=request.user, officer=exam.officer, exam=exam, batch=batch, on=data["on"]
    )


@admin.register(CertificateBatch, site=site)
class CertificateBatchAdmin(RegisterAdmin):
    list_display = ["title", "unit", "state", "sent_on", "returned_on"]
    list_filter = ["state"]
    add_form_base = f.BatchForm
    supervision_only_add = True
    object_panel_template = "enforcement/batch_panel.html"
    object_actions = [
        ObjectAction(
            "apply",
            "加入申领人员",
            f.ApplyForm,
            _apply,
            check=_supervisor_check,
            visible=_state_in(BatchState.DRAFT),
            form_kwargs=lambda request, batch: {
                "exams": selectors.registration_list(user=request.user)
                .filter(passed=True)
                .exclude(certificates__isnull=False)
            },
        ),
        ObjectAction(
            "send",
            "逐级上报",
            f.OnForm,
            lambda request, batch, data: services.batch_send(
                actor=request.user, batch=batch, on=data["on"]
            ),
            check=_check(BATCH_WORKFLOW, "send"),
            visible=_state_in(BatchState.DRAFT),
        ),
        ObjectAction(
            "mark_returned",
            "证件已下发",
            f.OnForm,
            lambda request, batch, data: services.batch_mark_returned(
                actor=request.user, batch=batch, on=data["on"]
            ),
            check=_check(BATCH_WORKFLOW, "mark_returned"),
            visible=_state_in(BatchState.SENT),
        ),
    ]

    def add_form_kwargs(self, request):
        return {"units": self.units_for(request)}

    def add_run(self, request, data):
        return services.batch_create(
            actor=request.user,
            unit=self.unit_of(request, data),
            title=data["title"],
            sent_to=data["sent_to"],
        )

    def object_panel_context(self, request, obj):
        return {"certificates": obj.certificates.select_related("officer", "unit")}


# --- exams -----------------------------------------------------------------------------------


def _register_proposed(request, sitting, data):
    for proposal in selectors.exam_proposals(user=request.user, sitting=sitting):
        services.exam_register(
            actor=request.user,
            sitting=sitting,
            officer=proposal.officer,
            reason=proposal.reason,
            on=data["registered_on"],
        )


@admin.register(ExamSitting, site=site)
class ExamSittingAdmin(ExcelImportMixin, RegisterAdmin):
    list_display = ["name", "held_on", "organiser", "unit", "registered", "passed"]
    add_form_base = f.SittingForm
    supervision_only_add = True
    import_spec = imports.EXAM_RESULT_IMPORT
    import_title = "导入考试成绩（组织机关下发的成绩表）"
    object_panel_template = "enforcement/sitting_panel.html"
    object_actions = [
        ObjectAction(
            "register_proposed",
            "按系统建议报名",
            f.RegisterProposedForm,
            _register_proposed,
            check=_supervisor_check,
            description="新进人员、此前未通过人员、执法证将于考试后6个月内到期的人员。",
        )
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_registered=Count("registrations"),
                n_passed=Count("registrations", filter=Q(registrations__passed=True)),
            )
        )

    @admin.display(description="报名人数", ordering="n_registered")
    def registered(self, obj):
        return obj.n_registered

    @admin.display(description="合格人数", ordering="n_passed")
    def passed(self, obj):
        return obj.n_passed

    def add_form_kwargs(self, request):
        return {"units": self.units_for(request)}

    def add_run(self, request, data):
        return services.sitting_create(
            actor=request.user,
            unit=self.unit_of(request, data),
            name=data["name"],
            held_on=data["held_on"],
            organiser=data["organiser"],
        )

    def object_panel_context(self, request, obj):
        registrations = selectors.registration_list(user=request.user).filter(sitting=obj)
        by_unit, _ = selectors.pass_rates(user=request.user, start=obj.held_on, end=obj.held_on)
        return {
            "proposals": selectors.exam_proposals(user=request.user, sitting=obj),
            "registrations": registrations,
            "rates": by_unit,
        }


@admin.register(ExamRegistration, site=site)
class ExamRegistrationAdmin(RegisterAdmin):
    list_display = ["officer", "unit", "sitting", "reason", "score", "passed"]
    list_filter = ["sitting", "reason", "passed", "unit"]
    search_fields = ["officer__name"]
    add_form_base = f.RegistrationForm
    object_actions = [
        ObjectAction(
            "result",
            "登记成绩",
            f.ResultForm,
            lambda request, reg, data: services.exam_result_record(
                actor=request.user,
                registration=reg,
                score=data["score"],
                passed=data["passed"],
                on=data["on"],
            ),
            check=_supervisor_check,
        )
    ]

    def add_form_kwargs(self, request):
        return {
            "sittings": selectors.sittings_for_registration(user=request.user),
            "officers": selectors.officer_list(user=request.user).filter(
                status=OfficerStatus.ACTIVE
            ),
        }

    def add_run(self, request, data):
        return services.exam_register(
            actor=request.user,
            sitting=data["sitting"],
            officer=data["officer"],
            reason=data["reason"],
            on=data["registered_on"],
        )


# --- removal ---------------------------------------------------------------------------------


@admin.register(RemovalCampaign, site=site)
class RemovalCampaignAdmin(RegisterAdmin):
    list_display = ["title", "started_on", "unit", "removed"]
    add_form_base = f.RemovalCampaignForm
    supervision_only_add = True
    object_panel_template = "enforcement/removal_panel.html"
    object_actions = [
        ObjectAction(
            "remove",
            "清理人员",
            f.RemoveForm,
            lambda request, campaign, data: services.officer_remove(
                actor=request.user,
                campaign=campaign,
                officer=data["officer"],
                reason=data["reason"],
                on=data["on"],
                note=data["note"],
            ),
            check=_supervisor_check,
            form_kwargs=lambda request, campaign: {
                "officers": selectors.officer_list(user=request.user).exclude(
                    status=OfficerStatus.REMOVED
                )
            },
        )
    ]

    @admin.display(description="已清理人数")
    def removed(self, obj):
        return obj.removals.count()

    def add_form_kwargs(self, request):
        return {"units": self.units_for(request)}

    def add_run(self, request, data):
        return services.removal_campaign_create(
            actor=request.user,
            unit=self.unit_of(request, data),
            title=data["title"],
            started_on=data["started_on"],
        )

    def object_panel_context(self, request, obj):
        return {
            "proposals": selectors.removal_proposals(user=request.user, on=timezone.localdate()),
            "removals": Removal.objects.for_user(request.user)
            .filter(campaign=obj)
            .select_related("officer", "unit"),
        }


@admin.register(Removal, site=site)
class RemovalAdmin(RegisterAdmin):
    list_display = ["officer", "unit", "reason", "removed_on", "campaign"]
    list_filter = ["reason", "campaign", "unit"]

    def has_add_permission(self, request):
        return False


# --- training --------------------------------------------------------------------------------


@admin.register(TrainingSession, site=site)
class TrainingSessionAdmin(RegisterAdmin):
    list_display = ["title", "held_on", "topic", "hours", "unit", "attendance"]
    add_form_base = f.SessionForm
    supervision_only_add = True
    object_panel_template = "enforcement/session_panel.html"
    object_actions = [
        ObjectAction(
            "attend",
            "登记签到",
            f.AttendanceForm,
            lambda request, session, data: services.attendance_record(
                actor=request.user, session=session, officers=data["officers"]
            ),
            check=_supervisor_check,
            form_kwargs=lambda request, session: {
                "officers": selectors.officer_list(user=request.user)
                .filter(status=OfficerStatus.ACTIVE)
                .exclude(attendances__session=session)
            },
        )
    ]

    @admin.display(description="签到人数")
    def attendance(self, obj):
        return obj.attendances.count()

    def add_form_kwargs(self, request):
        return {"units": self.units_for(request)}

    def add_run(self, request, data):
        return services.training_session_create(
            actor=request.user,
            unit=self.unit_of(request, data),
            title=data["title"],
            held_on=data["held_on"],
            topic=data["topic"],
            hours=data["hours"],
            target_units=data["target_units"],
            selection_note=data["selection_note"],
        )

    def object_panel_context(self, request, obj):
        return {
            "targets": obj.target_units.order_by("name"),
            "attendances": TrainingAttendance.objects.for_user(request.user)
            .filter(session=obj)
            .select_related("officer", "unit"),
        }


@admin.register(TrainingAttendance, site=site)
class TrainingAttendanceAdmin(RegisterAdmin):
    list_display = ["officer", "unit", "session", "hours"]
    list_filter = ["session", "unit"]

    def has_add_permission(self, request):
        return False


# --- the case ledger -------------------------------------------------------------------------


@admin.register(EnforcementCase, site=site)
class EnforcementCaseAdmin(ExcelImportMixin, RegisterAdmin):
    list_display = [
        "case_number",
        "unit",
        "case_type",
        "procedure",
        "filed_on",
        "decided_on",
        "closed_on",
    ]
    list_filter = ["case_type", "procedure", "unit"]
    search_fields = ["case_number", "subject"]
    date_hierarchy = "closed_on"
    add_form_base = f.CaseForm
    import_spec = imports.CASE_IMPORT
    import_title = "导入本单位行政执法案件台账"
    object_panel_template = "enforcement/case_panel.html"

    def add_form_kwargs(self, request):
        return {
            "units": self.units_for(request),
            "officers": selectors.officer_list(user=request.user),
        }

    def add_run(self, request, data):
        facts = {key: value for key, value in data.items() if key not in ("unit", "officers")}
        return services.case_register(
            actor=request.user,
            unit=self.unit_of(request, data),
            officers=list(data["officers"]),
            **facts,
        )

    def object_panel_context(self, request, obj):
        return {"case": obj, "flags": selectors.flags_for(obj), "officers": obj.officers.all()}


# --- case-file review ------------------------------------------------------------------------


class ScoringItemInline(admin.TabularInline):
    model = ScoringItem
    extra = 0
    fields = ["order", "dimension", "text", "points", "veto", "auto_check"]


@admin.register(ScoringTemplate, site=site)
class ScoringTemplateAdmin(admin.ModelAdmin):
    """The configurable score sheet (C2): the office and the supervisors edit it."""

    list_display = ["name", "full_score", "excellent_from", "good_from", "pass_from", "active"]
    inlines = [ScoringItemInline]

    def has_module_permission(self, request):
        return may_supervise(request.user)

    def has_view_permission(self, request, obj=None):
        return may_supervise(request.user)

    has_add_permission = has_change_permission = lambda self, request, obj=None: may_supervise(
        request.user
    )

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewCampaign, site=site)
class ReviewCampaignAdmin(RegisterAdmin):
    list_display = ["title", "held_on", "window_start", "window_end", "unit", "state"]
    add_form_base = f.CampaignForm
    supervision_only_add = True
    object_panel_template = "enforcement/campaign_panel.html"
    object_actions = [
        ObjectAction(
            "draw",
            "随机抽取案卷",
            f.OnForm,
            lambda request, campaign, data: services.campaign_draw(
                actor=request.user, campaign=campaign
            ),
            check=_check(CAMPAIGN_WORKFLOW, "draw"),
            visible=_state_in(CampaignState.DRAFT),
            rule=CAMPAIGN_WORKFLOW["draw"].rule,
        ),
        ObjectAction(
            "notice",
            "下发整改通知",
            f.NoticeForm,
            lambda request, campaign, data: services.notice_issue(
                actor=request.user,
                campaign=campaign,
                unit=data["unit"],
                issued_on=data["issued_on"],
                content=data["content"],
            ),
            check=_supervisor_check,
            visible=lambda campaign: campaign.state != CampaignState.DRAFT,
            form_kwargs=lambda request, campaign: {"campaign": campaign},
        ),
        ObjectAction(
            "close",
            "结束评查",
            f.OnForm,
            lambda request, campaign, data: services.campaign_close(
                actor=request.user, campaign=campaign
            ),
            check=_check(CAMPAIGN_WORKFLOW, "close"),
            visible=_state_in(CampaignState.REVIEWING),
        ),
    ]

    def add_form_kwargs(self, request):
        return {"units": self.units_for(request)}

    def add_run(self, request, data):
        return services.campaign_create(
            actor=request.user,
            unit=self.unit_of(request, data),
            title=data["title"],
            held_on=data["held_on"],
            window_start=data["window_start"],
            window_end=data["window_end"],
            units=data["units"],
            seed=data["seed"],
            sample_size=data["sample_size"],
            procedure=data["procedure"],
            include_licences=data["include_licences"],
            include_penalties=data["include_penalties"],
        )

    def object_panel_context(self, request, obj):
        return {
            "campaign": obj,
            "sheets": selectors.sheets_of(user=request.user, campaign=obj),
            "results": selectors.campaign_results(user=request.user, campaign=obj),
        }


def _sheet_kwargs(request, sheet) -> dict:
    return {"sheet": sheet}


def _proposed(sheet) -> bool:
    return (
        sheet.state == SheetState.PENDING
        and sheet.deductions.filter(automatic=True, state=DeductionState.PROPOSED).exists()
    )


@admin.register(ScoreSheet, site=site)
class ScoreSheetAdmin(RegisterAdmin):
    list_display = ["case", "unit", "campaign", "draw_order", "state", "score", "grade"]
    list_filter = ["campaign", "state", "grade", "unit"]
    object_panel_template = "enforcement/sheet_panel.html"
    object_actions = [
        ObjectAction(
            "confirm",
            "确认系统预扣",
            f.DeductionChoiceForm,
            lambda request, sheet, data: services.deduction_confirm(
                actor=request.user, deduction=data["deduction"], on=data["on"]
            ),
            check=_supervisor_check,
            visible=_proposed,
            form_kwargs=_sheet_kwargs,
        ),
        ObjectAction(
            "override",
            "撤销系统预扣",
            f.OverrideForm,
            lambda request, sheet, data: services.deduction_override(
                actor=request.user,
                deduction=data["deduction"],
                reason=data["reason"],
                on=data["on"],
            ),
            check=_supervisor_check,
            visible=_proposed,
            form_kwargs=_sheet_kwargs,
        ),
        ObjectAction(
            "deduct",
            "增加扣分",
            f.ManualDeductionForm,
            lambda request, sheet, data: services.deduction_add(
                actor=request.user,
                sheet=sheet,
                item=data["item"],
                points=data["points"],
                reason=data["reason"],
                on=data["on"],
            ),
            check=_supervisor_check,
            visible=_state_in(SheetState.PENDING),
            form_kwargs=_sheet_kwargs,
        ),
        ObjectAction(
            "score",
            "评定",
            f.OnForm,
            lambda request, sheet, data: services.sheet_score(
                actor=request.user, sheet=sheet, on=data["on"]
            ),
            check=_check(SHEET_WORKFLOW, "score"),
            visible=_state_in(SheetState.PENDING),
            rule=SHEET_WORKFLOW["score"].rule,
        ),
    ]

    def has_add_permission(self, request):
        return False

    def object_panel_context(self, request, obj):
        return {
            "sheet": obj,
            "deductions": obj.deductions.select_related("item", "decided_by"),
            "flags_url": reverse("admin:enforcement_enforcementcase_change", args=[obj.case_id]),
            "preview": services.sheet_result(obj),
        }


@admin.register(RectificationNotice, site=site)
class RectificationNoticeAdmin(RegisterAdmin):
    list_display = ["campaign", "unit", "issued_on", "due_on", "state", "replied_on"]
    list_filter = ["state", "campaign"]
    object_actions = [
        ObjectAction(
            "reply",
            "反馈整改情况",
            f.ReplyForm,
            lambda request, notice, data: services.notice_reply(
                actor=request.user, notice=notice, on=data["on"], reply=data["reply"]
            ),
            check=_check(NOTICE_WORKFLOW, "reply"),
            visible=_state_in(NoticeState.ISSUED),
        ),
        ObjectAction(
            "close",
            "整改销号",
            f.OnForm,
            lambda request, notice, data: services.notice_close(
                actor=request.user, notice=notice, on=data["on"]
            ),
            check=_check(NOTICE_WORKFLOW, "close"),
            visible=_state_in(NoticeState.REPLIED),
        ),
    ]

    def has_add_permission(self, request):
        return False
