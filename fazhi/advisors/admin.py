"""Back office of legal advisors: the register, contracts (with Excel import), service log,
and the coverage page (departments; villages and communities; contracts about to expire)."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from fazhi.advisors import imports
from fazhi.advisors.models import AdvisorContract, LegalAdvisor, ServiceLog
from fazhi.advisors.selectors import contracts_expiring, coverage_for, expiry_horizon
from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.core.admin_actions import ExcelImportMixin


@admin.register(LegalAdvisor, site=site)
class LegalAdvisorAdmin(UnitScopedAdmin):
    list_display = ["name", "kind", "organisation", "licence_number", "phone", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "organisation", "licence_number"]
    fields = [
        "name",
        "kind",
        "organisation",
        "licence_number",
        "phone",
        "specialties",
        "user",
        "active",
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "user":
            from fazhi.core.models import User

            kwargs["queryset"] = User.objects.filter(roles__contains=["legal_advisor"])
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(AdvisorContract, site=site)
class AdvisorContractAdmin(ExcelImportMixin, UnitScopedAdmin):
    list_display = [
        "contract_number",
        "unit",
        "advisor",
        "start_date",
        "end_date",
        "fee",
        "renewal",
        "terminated_on",
    ]
    list_filter = ["unit__kind", "renewal", "advisor__kind"]
    search_fields = ["contract_number", "advisor__name", "unit__name"]
    date_hierarchy = "start_date"
    fields = [
        "unit",
        "advisor",
        "contract_number",
        "signed_on",
        "start_date",
        "end_date",
        "fee",
        "scope",
        "renewal",
        "terminated_on",
    ]

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if "unit" in self.get_exclude(request, obj):
            fields.remove("unit")
        return fields

    import_columns = imports.CONTRACT_COLUMNS
    import_title = "导入法律顾问合同"
    list_before_template = "advisors/contract_tools.html"

    def get_urls(self):
        return [
            path(
                "coverage/",
                self.admin_site.admin_view(self.coverage_view),
                name="advisors_advisorcontract_coverage",
            )
        ] + super().get_urls()

    def coverage_view(self, request):
        today = timezone.localdate()
        context = {
            **self.admin_site.each_context(request),
            "title": "法律顾问覆盖情况",
            "opts": self.model._meta,
            "coverage": coverage_for(user=request.user, on=today),
            "expiring": contracts_expiring(user=request.user, today=today),
            "horizon": expiry_horizon(today),
            "today": today,
        }
        return TemplateResponse(request, "advisors/coverage.html", context)

    def import_rows(self, request, rows):
        return imports.contract_import(actor=request.user, rows=rows)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ServiceLog, site=site)
class ServiceLogAdmin(UnitScopedAdmin):
    list_display = ["served_on", "advisor", "unit", "kind", "summary"]
    list_filter = ["kind", "advisor"]
    search_fields = ["summary", "advisor__name"]
    date_hierarchy = "served_on"
    fields = ["advisor", "contract", "served_on", "kind", "summary"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "contract":
            kwargs["queryset"] = AdvisorContract.objects.for_user(request.user)
        if db_field.name == "advisor":
            kwargs["queryset"] = LegalAdvisor.objects.filter(active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False
