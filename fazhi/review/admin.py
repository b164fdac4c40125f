"""Back office of the legality review: the ledger, submission, the reviewer's actions."""

from django.contrib import admin
from django.utils import timezone

from fazhi.advisors.access import is_advisor_only
from fazhi.advisors.models import LegalAdvisor
from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.core.admin_actions import (
    ExcelImportMixin,
    ObjectAction,
    ObjectActionsMixin,
    ServiceAddMixin,
)
from fazhi.core.workflow import ALLOW, refuse
from fazhi.deadlines.selectors import clocks_for
from fazhi.review import forms as f
from fazhi.review import imports, selectors, services
from fazhi.review.models import AdvisorOpinion, ReviewMaterial, ReviewRequest, ReviewState
from fazhi.review.workflow import WORKFLOW


def _check(verb):
    return lambda user, obj: WORKFLOW.check(verb, user, obj)


def _state_in(*states):
    return lambda obj: obj.state in states


def _submit(request, data):
    materials = [
        {
            "kind": "draft",
            "title": f"{data['title']}（送审稿）",
            "note": data["draft"],
            "file": data.get("draft_file"),
        }
    ]
    for kind, key, title in (
        ("drafting_note", "drafting_note", "起草说明"),
        ("legal_basis", "legal_basis", "制定依据"),
        ("procedure_statement", "procedure_statement", "履行程序情况说明"),
    ):
        if (data.get(key) or "").strip():
            materials.append({"kind": kind, "title": title, "note": data[key]})
    return services.review_submit(
        actor=request.user,
        subject_type=data["subject_type"],
        title=data["title"],
        submitted_on=data["submitted_on"],
        materials=materials,
        counterparty=data.get("counterparty") or "",
        amount=data.get("amount"),
    )


def _decide(request, review, data):
    services.review_decide(
        actor=request.user,
        review=review,
        outcome=data["outcome"],
        on=data["on"],
        authority_ok=data["authority_ok"],
        authority_opinion=data["authority_opinion"],
        procedure_ok=data["procedure_ok"],
        procedure_opinion=data["procedure_opinion"],
        content_ok=data["content_ok"],
        content_opinion=data["content_opinion"],
        conclusion=data.get("conclusion") or "",
        n3_confirmed=data.get("n3_confirmed", False),
        exploratory_reform=data.get("exploratory_reform", False),
        risk_disclosure=data.get("risk_disclosure") or "",
        reviewer_legally_qualified=data.get("reviewer_legally_qualified", False),
    )


def _record_advisor_opinion(request, review, data):
    opinion = AdvisorOpinion.objects.filter(review=review, advisor=data["advisor"]).first()
    if opinion is None:
        opinion = services.review_request_advisor_opinion(
            actor=request.user,
            review=review,
            advisor=data["advisor"],
            requested_on=data["given_on"],
        )
    services.advisor_opinion_record(
        actor=request.user, opinion=opinion, given_on=data["given_on"], text=data["text"]
    )


def _advisor_form(form_class):
    class Bound(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, advisors=LegalAdvisor.objects.filter(active=True), **kwargs)

    return Bound


class MaterialInline(admin.TabularInline):
    model = ReviewMaterial
    extra = 0
    can_delete = False
    fields = ["kind", "title", "note", "file"]
    readonly_fields = fields
    verbose_name_plural = "送审材料"

    def has_add_permission(self, request, obj=None):
        return False


class OpinionInline(admin.TabularInline):
    model = AdvisorOpinion
    extra = 0
    can_delete = False
    fields = ["advisor", "requested_on", "given_on", "opinion"]
    readonly_fields = fields
    verbose_name_plural = "法律顾问意见"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReviewRequest, site=site)
class ReviewRequestAdmin(ServiceAddMixin, ObjectActionsMixin, ExcelImportMixin, UnitScopedAdmin):
    readonly_change_form = True
    list_display = [
        "review_number",
        "title",
        "subject_type",
        "unit",
        "submitted_on",
        "state",
        "outcome",
        "opinion_issued_on",
    ]
    list_filter = ["subject_type", "state", "outcome", "year", "unit"]
    search_fields = ["title", "conclusion"]
    date_hierarchy = "submitted_on"
    inlines = [MaterialInline, OpinionInline]
    object_panel_template = "review/panel.html"
    add_form_class = f.SubmitForm
    export_fields = (
        "year",
        "serial",
        "subject_type",
        "title",
        "unit",
        "reviewer_unit",
        "submitted_on",
        "state",
        "outcome",
        "opinion_issued_on",
        "conclusion",
    )
    import_spec = imports.REVIEW_IMPORT
    import_title = "导入合法性审查台账"
    fieldsets = [
        (
            None,
            {"fields": ["title", "subject_type", "unit", "reviewer_unit", "submitted_on", "state"]},
        ),
        ("政府合同", {"fields": ["counterparty", "amount"]}),
        (
            "审查意见",
            {
                "fields": [
                    "authority_ok",
                    "authority_opinion",
                    "procedure_ok",
                    "procedure_opinion",
                    "content_ok",
                    "content_opinion",
                    "n3_confirmed",
                    "exploratory_reform",
                    "risk_disclosure",
                    "outcome",
                    "conclusion",
                    "opinion_issued_on",
                    "reviewer",
                    "returned_reason",
                ]
            },
        ),
    ]

    @admin.display(description="编号", ordering="serial")
    def review_number(self, obj):
        return obj.number

    object_actions = [
        ObjectAction(
            "decide",
            "出具审查意见",
            f.DecideForm,
            _decide,
            check=_check("decide"),
            visible=_state_in(ReviewState.IN_REVIEW),
            rule="《重大行政决策程序暂行条例》第二十七条",
            description="审查意见须包括主体与权限、程序、内容三个方面。",
        ),
        ObjectAction(
            "return",
            "退回补充材料",
            f.ReturnForm,
            lambda request, review, data: services.review_return(
                actor=request.user, review=review, reason=data["reason"], on=data["on"]
            ),
            check=_check("return_for_supplement"),
            visible=_state_in(ReviewState.IN_REVIEW),
        ),
        ObjectAction(
            "advisor_opinion",
            "登记法律顾问意见",
            _advisor_form(f.RecordAdvisorOpinionForm),
            _record_advisor_opinion,
            check=_check("ask_advisor"),
            visible=_state_in(ReviewState.IN_REVIEW, ReviewState.RETURNED),
            rule="《重大行政决策程序暂行条例》第二十八条",
        ),
        ObjectAction(
            "ask_advisor",
            "征求法律顾问意见",
            _advisor_form(f.AskAdvisorForm),
            lambda request, review, data: services.review_request_advisor_opinion(
                actor=request.user,
                review=review,
                advisor=data["advisor"],
                requested_on=data["requested_on"],
            ),
            check=_check("ask_advisor"),
            visible=_state_in(ReviewState.IN_REVIEW, ReviewState.RETURNED),
        ),
        ObjectAction(
            "resubmit",
            "补充材料后重新送审",
            f.ResubmitForm,
            lambda request, review, data: services.review_resubmit(
                actor=request.user,
                review=review,
                on=data["on"],
                materials=[
                    {
                        "kind": data["kind"],
                        "title": data["title"],
                        "note": data.get("note") or "",
                        "file": data.get("file"),
                    }
                ],
            ),
            check=_check("resubmit"),
            visible=_state_in(ReviewState.RETURNED),
        ),
        ObjectAction(
            "withdraw",
            "撤回",
            f.WithdrawForm,
            lambda request, review, data: services.review_withdraw(
                actor=request.user, review=review, on=data["on"]
            ),
            check=_check("withdraw"),
            visible=_state_in(ReviewState.IN_REVIEW, ReviewState.RETURNED),
        ),
    ]

    def add_run(self, request, data):
        return _submit(request, data)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not is_advisor_only(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in ReviewRequest._meta.concrete_fields]

    def object_panel_context(self, request, obj):
        return {
            "review_clocks": clocks_for(obj, user=None),
            "review": obj,
            "earliest_discussion": selectors.earliest_discussion(obj),
        }


def _own_opinion(user, opinion):
    own = getattr(getattr(user, "legal_advisor", None), "pk", None) == opinion.advisor_id
    if own or WORKFLOW.check("ask_advisor", user, opinion.review):
        return ALLOW
    return refuse("只有被征求意见的法律顾问或审查机构可以登记该意见。")


@admin.register(AdvisorOpinion, site=site)
class AdvisorOpinionAdmin(ObjectActionsMixin, UnitScopedAdmin):
    """What an advisor sees: the opinions asked of them (and the matter's materials)."""

    readonly_change_form = True
    list_display = ["review", "advisor", "requested_on", "given_on"]
    list_filter = ["given_on"]
    search_fields = ["review__title", "advisor__name"]
    readonly_fields = ["review", "advisor", "requested_on", "given_on", "opinion"]
    fields = readonly_fields
    object_panel_template = "review/opinion_panel.html"
    object_actions = [
        ObjectAction(
            "give",
            "出具法律顾问意见",
            f.AdvisorOpinionForm,
            lambda request, opinion, data: services.advisor_opinion_record(
                actor=request.user, opinion=opinion, given_on=data["given_on"], text=data["text"]
            ),
            check=_own_opinion,
            visible=lambda opinion: opinion.given_on is None,
            initial=lambda request, opinion: {"given_on": timezone.localdate()},
        )
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def object_panel_context(self, request, obj):
        return {"materials": obj.review.materials.all()}
