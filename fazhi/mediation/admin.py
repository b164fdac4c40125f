"""Back office of people's mediation: committees, mediators, the 以案定补 table, and disputes
(registration with the parties' consent, the steps with their articles, sessions, follow-up,
masked personal data, the statistics table)."""

from __future__ import annotations

import copy

from django.contrib import admin
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone

from fazhi.core.access import visible_unit_ids
from fazhi.core.admin import UnitScopedAdmin, export_xlsx, site
from fazhi.core.admin_actions import ObjectAction, ObjectActionsMixin, ServiceAddMixin
from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind, Unit
from fazhi.core.xlsx import build_workbook
from fazhi.deadlines.selectors import clocks_for
from fazhi.legal_aid.admin_personal import XLSX, export_personal
from fazhi.legal_aid.personal import masked_id, masked_phone, masked_text
from fazhi.mediation import forms as f
from fazhi.mediation import selectors, services
from fazhi.mediation.models import (
    Committee,
    Dispute,
    DisputeState,
    Mediator,
    Party,
    SubsidyRate,
)
from fazhi.mediation.workflow import WORKFLOW


def _check(verb):
    return lambda user, dispute: WORKFLOW.check(verb, user, dispute)


def _states(*states):
    return lambda dispute: dispute.state in states


def _today(request, dispute):
    return {"on": timezone.localdate()}


@admin.register(Committee, site=site)
class CommitteeAdmin(ServiceAddMixin, UnitScopedAdmin):
    list_display = ["name", "kind", "field", "unit", "active"]
    list_filter = ["kind", "field", "active"]
    search_fields = ["name"]
    add_form_class = f.CommitteeForm
    fields = ["name", "kind", "field", "established_on", "active"]

    def add_run(self, request, data):
        return services.committee_register(actor=request.user, **data)


@admin.register(Mediator, site=site)
class MediatorAdmin(ServiceAddMixin, UnitScopedAdmin):
    list_display = [
        "name",
        "committee",
        "qualification",
        "trained_hours",
        "last_trained_on",
        "active",
    ]
    list_filter = ["qualification", "active"]
    search_fields = ["name", "committee__name"]
    add_form_class = f.MediatorForm
    fields = [
        "committee",
        "name",
        "gender",
        "shown_phone",
        "qualification",
        "certificate_number",
        "trained_hours",
        "last_trained_on",
        "active",
    ]
    readonly_fields = ["committee", "shown_phone"]
    export_fields = ("name", "committee", "qualification", "trained_hours", "last_trained_on")

    @admin.display(description="联系电话")
    def shown_phone(self, mediator):
        return masked_phone(mediator.phone) or "—"

    def add_view(self, request, form_url="", extra_context=None):
        return _add_view(self, request, f.MediatorForm, form_url, extra_context)

    def add_run(self, request, data):
        return services.mediator_register(actor=request.user, **data)


def _add_view(model_admin, request, form_class, form_url, extra_context):
    """The add page with a form whose choices are limited to what the user may see (a copy of
    the admin per request: the shared instance is never changed)."""

    class Bound(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, user=request.user, **kwargs)

    scoped = copy.copy(model_admin)
    scoped.add_form_class = Bound
    return ServiceAddMixin.add_view(scoped, request, form_url, extra_context)


@admin.register(SubsidyRate, site=site)
class SubsidyRateAdmin(ServiceAddMixin, UnitScopedAdmin):
    list_display = ["difficulty", "amount", "effective_from"]
    add_form_class = f.RateForm
    fields = readonly_fields = ["difficulty", "amount", "effective_from"]

    def add_run(self, request, data):
        return services.subsidy_rate_set(actor=request.user, **data)


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    can_delete = False
    fields = ["role", "name", "shown_id", "shown_phone", "shown_address", "consent", "consent_on"]
    readonly_fields = fields
    verbose_name_plural = "当事人（个人信息脱敏显示）"

    @admin.display(description="证件号码")
    def shown_id(self, party):
        return masked_id(party.id_number) or "—"

    @admin.display(description="联系电话")
    def shown_phone(self, party):
        return masked_phone(party.phone) or "—"

    @admin.display(description="住所地")
    def shown_address(self, party):
        return masked_text(party.address) or "—"

    def has_add_permission(self, request, obj=None):
        return False


def _consent(request, dispute, data):
    services.party_consent(
        actor=request.user, party=data["party"], consent=data["consent"], on=data["on"]
    )


@admin.register(Dispute, site=site)
class DisputeAdmin(ServiceAddMixin, ObjectActionsMixin, UnitScopedAdmin):
    readonly_change_form = True
    list_display = [
        "number",
        "committee",
        "dispute_type",
        "source",
        "amount",
        "received_on",
        "state",
    ]
    list_filter = ["state", "dispute_type", "source", "committee__kind"]
    search_fields = ["number", "summary"]
    date_hierarchy = "received_on"
    inlines = [PartyInline]
    add_form_class = f.DisputeForm
    object_panel_template = "mediation/dispute_panel.html"
    list_before_template = "mediation/dispute_tools.html"
    actions = [export_xlsx, export_personal]
    export_fields = (
        "number",
        "committee",
        "dispute_type",
        "source",
        "amount",
        "received_on",
        "state",
        "started_on",
        "concluded_on",
        "effective_on",
        "agreed_amount",
    )
    personal_columns = [
        ("编号", lambda d: d.number),
        (
            "当事人（姓名、证件号码、电话、住所地）",
            lambda d: "；".join(
                f"{p.name} {p.id_number} {p.phone} {p.address}" for p in d.parties.all()
            ),
        ),
    ]
    fieldsets = [
        (
            "纠纷",
            {
                "fields": [
                    "number",
                    "committee",
                    "dispute_type",
                    "source",
                    "amount",
                    "difficulty",
                    "summary",
                    "received_on",
                    "mediator",
                    "state",
                    "started_on",
                    "concluded_on",
                    "routes_notice",
                ]
            },
        ),
        (
            "调解协议",
            {
                "fields": [
                    "agreement_kind",
                    "facts_and_responsibility",
                    "agreed_terms",
                    "performance_method",
                    "performance_due_on",
                    "agreed_amount",
                    "parties_signed_on",
                    "mediator_signed_on",
                    "committee_sealed_on",
                    "effective_on",
                    "confirmation_applied_on",
                    "confirmation_court",
                    "performance",
                    "subsidy",
                ]
            },
        ),
    ]
    object_actions = [
        ObjectAction(
            "consent",
            "登记当事人意见",
            f.ConsentForm,
            _consent,
            visible=_states(DisputeState.REGISTERED),
            initial=_today,
            form_kwargs=lambda request, dispute: {"dispute": dispute},
            rule="《人民调解法》第十七条",
        ),
        ObjectAction(
            "start",
            "开始调解",
            f.OnForm,
            lambda request, d, data: services.dispute_start(actor=request.user, dispute=d, **data),
            check=_check("start"),
            visible=_states(DisputeState.REGISTERED),
            initial=_today,
            rule="《人民调解法》第十七条",
        ),
        ObjectAction(
            "decline",
            "当事人拒绝调解",
            f.OnForm,
            lambda request, d, data: services.dispute_decline(
                actor=request.user, dispute=d, **data
            ),
            check=_check("decline"),
            visible=_states(DisputeState.REGISTERED),
            initial=_today,
            rule="《人民调解法》第十七条",
        ),
        ObjectAction(
            "session",
            "登记调解记录",
            f.SessionForm,
            lambda request, d, data: services.session_record(actor=request.user, dispute=d, **data),
            visible=_states(DisputeState.MEDIATING),
            rule="《人民调解法》第二十七条",
        ),
        ObjectAction(
            "agree",
            "达成调解协议",
            f.AgreementForm,
            lambda request, d, data: services.dispute_agree(actor=request.user, dispute=d, **data),
            check=_check("agree_written"),
            visible=_states(DisputeState.MEDIATING),
            rule="《人民调解法》第二十八条至第三十条",
        ),
        ObjectAction(
            "fail",
            "调解不成",
            f.FailForm,
            lambda request, d, data: services.dispute_fail(actor=request.user, dispute=d, **data),
            check=_check("fail"),
            visible=_states(DisputeState.MEDIATING),
            initial=_today,
            rule="《人民调解法》第二十六条",
        ),
        ObjectAction(
            "withdraw",
            "撤回/终止调解",
            f.OnForm,
            lambda request, d, data: services.dispute_withdraw(
                actor=request.user, dispute=d, **data
            ),
            check=_check("withdraw"),
            visible=_states(DisputeState.REGISTERED, DisputeState.MEDIATING),
            initial=_today,
        ),
        ObjectAction(
            "apply_confirmation",
            "申请司法确认",
            f.ConfirmationForm,
            lambda request, d, data: services.dispute_apply_confirmation(
                actor=request.user, dispute=d, **data
            ),
            check=_check("apply_confirmation"),
            visible=lambda d: d.state == DisputeState.AGREED and d.confirmation_applied_on is None,
            initial=_today,
            rule="《人民调解法》第三十三条",
        ),
        ObjectAction(
            "follow_up",
            "回访履行情况",
            f.FollowUpForm,
            lambda request, d, data: services.follow_up_record(
                actor=request.user, dispute=d, **data
            ),
            visible=_states(DisputeState.AGREED),
            rule="《人民调解法》第三十一条第二款",
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [name for _title, spec in self.fieldsets for name in spec["fields"]]

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        return _add_view(self, request, f.DisputeForm, form_url, extra_context)

    def add_run(self, request, data):
        return services.dispute_register(actor=request.user, **f.dispute_arguments(data))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        dispute = (getattr(response, "context_data", None) or {}).get("original")
        if request.method == "GET" and response.status_code == 200 and dispute is not None:
            record_access_event(
                request,
                AccessEventKind.SENSITIVE_VIEW,
                obj=dispute,
                detail={
                    "fields": [
                        "当事人姓名",
                        "证件号码（脱敏）",
                        "联系电话（脱敏）",
                        "住所地（脱敏）",
                    ]
                },
            )
        return response

    def object_panel_context(self, request, dispute):
        return {
            "dispute": dispute,
            "dispute_clocks": clocks_for(dispute),
            "dispute_sessions": dispute.sessions.all(),
            "dispute_follow_ups": dispute.follow_ups.all(),
            "dispute_timeline": dispute.timeline.all(),
        }

    def get_urls(self):
        return [
            path(
                "statistics/",
                self.admin_site.admin_view(self.statistics_view),
                name="mediation_dispute_statistics",
            )
        ] + super().get_urls()

    def statistics_view(self, request):
        """Disputes mediated by type and source, with results and amounts (justice statistics)."""
        raw = request.GET.get("year", "")
        year = (
            int(raw)
            if raw.isdigit() and 2000 <= int(raw) <= 2100
            else timezone.localdate().year - 1
        )
        visible = visible_unit_ids(request.user)
        units = Unit.objects.all() if visible is None else Unit.objects.filter(pk__in=visible)
        rows = selectors.statistics_rows(units, year)
        record_access_event(
            request, AccessEventKind.EXPORT, detail={"model": "人民调解统计表", "year": year}
        )
        response = HttpResponse(
            build_workbook(
                ["纠纷类型/来源", "调解（起）", "调解成功（起）", "涉及金额（万元）"],
                rows,
                title="人民调解统计表",
            ),
            content_type=XLSX,
        )
        response["Content-Disposition"] = f'attachment; filename="mediation_statistics_{year}.xlsx"'
        return response
