"""The litigation register in the back office: the list, the lawsuit page and its steps."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from fazhi.core.access import get_for_user_or_404
from fazhi.core.admin import (
    ReadOnlyInline,
    UnitScopedAdmin,
    can_work_on_records,
    export_xlsx,
    site,
)
from fazhi.core.models import Unit
from fazhi.litigation import selectors, services, workflow
from fazhi.litigation.forms import (
    STEP_FORMS,
    LawsuitChangeForm,
    LawsuitRegistrationForm,
    errors_onto_form,
)
from fazhi.litigation.models import JudgmentService, Lawsuit, LawsuitHearing
from fazhi.reconsideration.models import ReconsiderationCase


class HearingInline(ReadOnlyInline):
    model = LawsuitHearing
    fields = [
        "held_on",
        "appearance",
        "head_name",
        "head_rank",
        "head_title",
        "staff_name",
        "lawyer_names",
        "absence_reason",
    ]
    readonly_fields = fields


class ServiceInline(ReadOnlyInline):
    model = JudgmentService
    fields = ["party", "party_name", "served_on", "appeal_due_on"]
    readonly_fields = fields


@admin.register(Lawsuit, site=site)
class LawsuitAdmin(UnitScopedAdmin):
    list_display = [
        "court_case_number",
        "instance",
        "plaintiff_name",
        "defendant_unit",
        "filed_on",
        "status",
        "judgment_type",
        "defence_due_on",
        "appeal_due_on",
    ]
    list_filter = [
        "instance",
        "status",
        "judgment_type",
        ("defendant_unit", admin.RelatedOnlyFieldListFilter),
        "field",
    ]
    search_fields = ["court_case_number", "plaintiff_name", "contested_act"]
    date_hierarchy = "filed_on"
    list_select_related = ["defendant_unit"]
    inlines = [ServiceInline, HearingInline]
    change_form_outer_before_template = "litigation/lawsuit_panel.html"
    actions = [export_xlsx]

    def has_add_permission(self, request):
        return can_work_on_records(request) and request.user.unit_id is not None

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return can_work_on_records(request)
        return bool(workflow.may_update(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        if obj is None:
            return list(services.REGISTRATION_FIELDS)
        registration = list(services.REGISTRATION_FIELDS)
        if not self.has_change_permission(request, obj):
            # D2: readers who cannot edit the lawsuit see the plaintiff's ID number masked.
            registration[registration.index("plaintiff_id_number")] = "masked_plaintiff_id_number"
        return (
            ["unit", "status"]
            + registration
            + [
                "trial_due_on",
                "defence_due_on",
                "defence_submitted_on",
                "hearing_scheduled_on",
                "hearing_planned_attendee",
                "judgment_type",
                "judgment_on",
                "judgment_served_on",
                "appeal_due_on",
                "all_appeals_due_on",
                "appealed",
                "closed_on",
                "performance_due_on",
                "performed_on",
                "version",
            ]
        )

    @admin.display(description="证件号码")
    def masked_plaintiff_id_number(self, obj):
        return obj.masked_plaintiff_id_number

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        editable = (
            set(services.EDITABLE_FIELDS) | {"version"}
            if self.has_change_permission(request, obj)
            else set()
        )
        return [f for f in self.get_fields(request, obj) if f not in editable]

    def get_exclude(self, request, obj=None):
        return []

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = (
            type("BoundLawsuitForm", (LawsuitRegistrationForm,), {"request_user": request.user})
            if obj is None
            else LawsuitChangeForm
        )
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        division = request.user.unit.division if request.user.unit_id else None
        if db_field.name == "defendant_unit":
            kwargs["queryset"] = (
                Unit.objects.in_subtree(division).filter(active=True)
                if division
                else Unit.objects.none()
            )
        if db_field.name == "first_instance":
            kwargs["queryset"] = Lawsuit.objects.for_user(request.user).filter(instance="first")
        if db_field.name == "reconsideration_case":
            kwargs["queryset"] = ReconsiderationCase.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            services.lawsuit_save_registered(actor=request.user, lawsuit=obj)
            return
        changes = {
            f: form.cleaned_data[f] for f in form.changed_data if f in services.EDITABLE_FIELDS
        }
        updated = services.lawsuit_update(
            actor=request.user,
            lawsuit=obj,
            expected_version=form.cleaned_data["version"],
            **changes,
        )
        obj.version = updated.version

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            lawsuit = get_for_user_or_404(Lawsuit, request.user, pk=object_id)
            extra_context["panel"] = selectors.lawsuit_panel(
                lawsuit=lawsuit, user=request.user, step_forms=STEP_FORMS
            )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/step/<str:verb>/",
                self.admin_site.admin_view(self.step_view),
                name="litigation_lawsuit_step",
            )
        ] + super().get_urls()

    def step_view(self, request, object_id, verb):
        lawsuit = get_for_user_or_404(Lawsuit, request.user, pk=object_id)
        form_class = STEP_FORMS.get(verb)
        if form_class is None:
            raise Http404("没有这个步骤。")
        if not workflow.may_update(request.user, lawsuit):
            raise PermissionDenied
        form = form_class(request.POST or None, lawsuit=lawsuit)
        if request.method == "POST" and form.is_valid():
            try:
                form.apply(request.user)
            except ValidationError as exc:
                errors_onto_form(form, exc)
            else:
                messages.success(request, f"已完成：{form.title}。")
                return redirect(reverse("admin:litigation_lawsuit_change", args=[lawsuit.pk]))
        return TemplateResponse(
            request,
            "litigation/step.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"{form.title}｜{lawsuit.court_case_number}",
                "lawsuit": lawsuit,
                "form": form,
            },
        )
