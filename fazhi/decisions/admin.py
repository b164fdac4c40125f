"""Back office of major decisions: catalogs, decisions with their statutory checklist."""

from django.contrib import admin

from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.core.admin_actions import (
    ExcelImportMixin,
    ObjectAction,
    ObjectActionsMixin,
    ServiceAddMixin,
)
from fazhi.core.workflow import ALLOW, refuse
from fazhi.decisions import forms as f
from fazhi.decisions import imports, services
from fazhi.decisions.models import (
    CatalogItem,
    CatalogState,
    DecisionCatalog,
    DecisionState,
    DecisionStep,
    MajorDecision,
)
from fazhi.decisions.selectors import decision_checklist
from fazhi.decisions.workflow import WORKFLOW, may_edit
from fazhi.meetings.selectors import discussions_of
from fazhi.review.selectors import reviews_for


def _check(verb):
    return lambda user, obj: WORKFLOW.check(verb, user, obj)


def _states(*states):
    return lambda obj: obj.state in states


def _keeper(user, catalog):
    if user.is_superuser or user.has_role("office_staff") or user.unit_id == catalog.unit_id:
        return ALLOW
    return refuse("只能编制本单位的决策事项目录。")


class CatalogItemInline(admin.TabularInline):
    model = CatalogItem
    extra = 0
    can_delete = False
    fields = ["order", "title", "category", "lead_unit", "planned_date"]
    readonly_fields = fields
    verbose_name_plural = "目录事项"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DecisionCatalog, site=site)
class DecisionCatalogAdmin(ServiceAddMixin, ObjectActionsMixin, UnitScopedAdmin):
    readonly_change_form = True
    list_display = ["title", "unit", "year", "state", "party_agreed_on", "published_on"]
    list_filter = ["year", "state"]
    search_fields = ["title", "unit__name"]
    inlines = [CatalogItemInline]
    add_form_class = f.CatalogForm
    object_actions = [
        ObjectAction(
            "add_item",
            "添加决策事项",
            f.CatalogItemForm,
            lambda request, catalog, data: services.catalog_item_add(
                actor=request.user, catalog=catalog, **data
            ),
            check=_keeper,
            visible=_states(CatalogState.DRAFTING),
            rule="决策条例第十一条",
        ),
        ObjectAction(
            "party_agreement",
            "登记党委同意",
            f.PartyAgreementForm,
            lambda request, catalog, data: services.catalog_record_party_agreement(
                actor=request.user, catalog=catalog, on=data["on"], reference=data["reference"]
            ),
            check=_keeper,
            visible=_states(CatalogState.DRAFTING),
            rule="决策条例第三条第三款",
        ),
        ObjectAction(
            "publish",
            "公布目录",
            f.CatalogPublishForm,
            lambda request, catalog, data: services.catalog_publish(
                actor=request.user,
                catalog=catalog,
                on=data["on"],
                url=data.get("url") or "",
                on_portal=data.get("on_portal", False),
            ),
            check=lambda user, catalog: (
                ALLOW
                if catalog.state == CatalogState.PARTY_AGREED
                else refuse("决策事项目录须经同级党委同意后方可公布（决策条例第三条第三款，D2）。")
            ),
            visible=_states(CatalogState.DRAFTING, CatalogState.PARTY_AGREED),
            rule="决策条例第三条第三款",
        ),
    ]

    def add_run(self, request, data):
        return services.catalog_create(actor=request.user, unit=request.user.unit, **data)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in DecisionCatalog._meta.concrete_fields]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CatalogItem, site=site)
class CatalogItemAdmin(ExcelImportMixin, UnitScopedAdmin):
    list_display = ["title", "catalog", "category", "lead_unit", "planned_date"]
    list_filter = ["catalog__year", "category", "lead_unit"]
    search_fields = ["title"]
    readonly_fields = [
        "catalog",
        "order",
        "title",
        "category",
        "lead_unit",
        "cooperating_units",
        "planned_date",
        "note",
    ]
    fields = readonly_fields
    import_columns = imports.CATALOG_ITEM_COLUMNS
    import_title = "导入决策事项目录"
    export_fields = (
        "catalog",
        "order",
        "title",
        "category",
        "lead_unit",
        "cooperating_units",
        "planned_date",
    )

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        from django.http import HttpResponseRedirect
        from django.urls import reverse

        return HttpResponseRedirect(reverse("admin:decisions_decisioncatalog_changelist"))

    def import_rows(self, request, rows):
        return imports.catalog_items_import(actor=request.user, rows=rows)


class StepInline(admin.TabularInline):
    model = DecisionStep
    extra = 0
    can_delete = False
    fields = ["kind", "started_on", "completed_on", "evidence", "evidence_url", "evidence_file"]
    readonly_fields = fields
    verbose_name_plural = "程序环节与佐证"

    def has_add_permission(self, request, obj=None):
        return False


def _record_step(request, decision, data):
    services.decision_record_step(actor=request.user, decision=decision, **data)


@admin.register(MajorDecision, site=site)
class MajorDecisionAdmin(ServiceAddMixin, ObjectActionsMixin, ExcelImportMixin, UnitScopedAdmin):
    readonly_change_form = True
    list_display = ["title", "year", "unit", "lead_unit", "category", "state", "discussed_on"]
    list_filter = ["year", "state", "category", "imported"]
    search_fields = ["title", "description"]
    inlines = [StepInline]
    add_form_class = f.DecisionForm
    object_panel_template = "decisions/panel.html"
    import_columns = imports.DECISION_COLUMNS
    import_title = "导入重大行政决策台账（历史记录）"
    export_fields = (
        "year",
        "title",
        "unit",
        "lead_unit",
        "category",
        "state",
        "discussed_on",
        "advisor_opinion_summary",
        "imported",
    )
    object_actions = [
        ObjectAction(
            "record_step",
            "登记程序环节",
            f.StepForm,
            _record_step,
            check=lambda user, decision: may_edit(user, decision),
            description="公众参与、听证、专家论证、风险评估、公平竞争审查、归档、执行情况报告、后评估，均须附佐证。",
        ),
        ObjectAction(
            "submit_for_review",
            "送合法性审查",
            f.SubmitForReviewForm,
            lambda request, decision, data: services.decision_submit_for_review(
                actor=request.user, decision=decision, **data
            ),
            check=_check("submit_for_review"),
            visible=_states(DecisionState.DRAFTING),
            rule="决策条例第二十五条、第二十六条",
        ),
        ObjectAction(
            "discuss",
            "提交集体讨论",
            f.DiscussForm,
            lambda request, decision, data: services.decision_discuss(
                actor=request.user, decision=decision, **data
            ),
            check=_check("discuss"),
            visible=_states(
                DecisionState.DRAFTING,
                DecisionState.LEGALITY_REVIEW,
                DecisionState.REVIEW_PASSED,
                DecisionState.NOT_ADOPTED,
            ),
            form_kwargs=lambda request, decision: {"user": request.user},
            rule="决策条例第二十五条、第二十八条、第二十九条",
        ),
        ObjectAction(
            "report_to_party",
            "向党委请示报告",
            f.PartyReportForm,
            lambda request, decision, data: services.decision_report_to_party(
                actor=request.user, decision=decision, on=data["on"], reference=data["reference"]
            ),
            check=_check("report_to_party"),
            visible=_states(DecisionState.DECIDED),
            rule="决策条例第三十一条",
        ),
        ObjectAction(
            "publish",
            "公布决策",
            f.DecisionPublishForm,
            lambda request, decision, data: services.decision_publish(
                actor=request.user,
                decision=decision,
                on=data["on"],
                url=data.get("url") or "",
                not_published_basis=data.get("not_published_basis") or "",
            ),
            check=_check("publish"),
            visible=_states(DecisionState.DECIDED, DecisionState.REPORTED),
            rule="决策条例第三十二条",
        ),
        ObjectAction(
            "suspend",
            "中止执行",
            f.SuspendForm,
            lambda request, decision, data: services.decision_suspend(
                actor=request.user, decision=decision, on=data["on"], reason=data["reason"]
            ),
            check=_check("suspend"),
            visible=_states(DecisionState.PUBLISHED),
            rule="决策条例第三十七条",
        ),
    ]

    def add_run(self, request, data):
        return services.decision_initiate(actor=request.user, **data)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in MajorDecision._meta.concrete_fields]

    def has_delete_permission(self, request, obj=None):
        return False

    def object_panel_context(self, request, decision):
        return {
            "checklist": decision_checklist(decision),
            "decision_reviews": reviews_for(decision),
            "decision_discussions": discussions_of(decision),
        }

    def import_rows(self, request, rows):
        return imports.decision_import(actor=request.user, rows=rows)
