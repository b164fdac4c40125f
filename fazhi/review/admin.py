"""Back office of the legality review: the ledger, submission, the reviewer's actions, the
assisted review of the draft (issue 20) and the office's rules."""

from urllib.parse import quote

from django import forms as django_forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from unfold.admin import ModelAdmin

from fazhi.advisors.access import is_advisor_only
from fazhi.advisors.models import LegalAdvisor
from fazhi.core.access import get_for_user_or_404
from fazhi.core.admin import NotFoundInsteadOfRedirect, UnitScopedAdmin, site
from fazhi.core.admin_actions import (
    ExcelImportMixin,
    ObjectAction,
    ObjectActionsMixin,
    ServiceAddMixin,
)
from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind
from fazhi.core.workflow import ALLOW, refuse
from fazhi.deadlines.selectors import clocks_for
from fazhi.review import forms as f
from fazhi.review import imports, selectors, services
from fazhi.review.drafts import check_size
from fazhi.review.flagging import RuleError, compile_rule
from fazhi.review.models import (
    FAIR_COMPETITION_ITEMS,
    AdvisorOpinion,
    FlagRule,
    FlagStatus,
    RepealedLaw,
    ReviewFlag,
    ReviewMaterial,
    ReviewRequest,
    ReviewState,
)
from fazhi.review.workflow import WORKFLOW, may_decide, may_maintain_assist_rules

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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


def _decide_initial(request, review):
    """The points accepted in the assisted review pre-fill the 内容 part of the opinion."""
    points = selectors.accepted_points_text(review)
    return {"content_opinion": points, "content_ok": "0"} if points else {}


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
            initial=_decide_initial,
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

    # --- assisted review (issue 20) ------------------------------------------------------------

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/assist/",
                self.admin_site.admin_view(self.assist_view),
                name="review_assist",
            ),
            path(
                "<path:object_id>/assist/flag/<int:flag_id>/<str:verb>/",
                self.admin_site.admin_view(require_POST(self.flag_view)),
                name="review_assist_flag",
            ),
            path(
                "<path:object_id>/assist/add/",
                self.admin_site.admin_view(require_POST(self.add_flag_view)),
                name="review_assist_add",
            ),
            path(
                "<path:object_id>/assist/fair-competition/",
                self.admin_site.admin_view(require_POST(self.fair_competition_view)),
                name="review_assist_fair_competition",
            ),
            path(
                "<path:object_id>/assist/opinion/",
                self.admin_site.admin_view(self.opinion_view),
                name="review_assist_opinion",
            ),
            path(
                "assist/statistics/",
                self.admin_site.admin_view(self.statistics_view),
                name="review_assist_statistics",
            ),
        ]
        return own + super().get_urls()

    def _assist_url(self, review):
        return reverse("admin:review_assist", args=[review.pk])

    def assist_view(self, request, object_id):
        """The draft with its flags inline; upload (POST) parses and flags a new draft."""
        review = get_for_user_or_404(ReviewRequest, request.user, pk=object_id)
        may_work = bool(may_decide(request.user, review))
        upload = f.DraftUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST":
            if not may_work:
                raise PermissionDenied
            if upload.is_valid():
                file = upload.cleaned_data.get("file")
                try:
                    if file is not None:
                        check_size(file.size)
                    services.draft_analyse(
                        actor=request.user,
                        review=review,
                        data=file.read() if file is not None else None,
                        file_name=file.name if file is not None else "",
                        text=upload.cleaned_data.get("text") or "",
                    )
                except ValidationError as exc:
                    upload.add_error("file" if file is not None else "text", exc.messages)
                else:
                    messages.success(request, "送审稿已逐条检查，提示见下文。")
                    return redirect(self._assist_url(review))
        draft = selectors.current_draft(review)
        clauses, whole = selectors.clauses_with_flags(draft) if draft else ([], [])
        fair_rows = selectors.fair_competition_rows(review)
        return TemplateResponse(
            request,
            "review/assist.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": f"辅助审查｜{review.number} {review.title}",
                "review": review,
                "draft": draft,
                "clauses": clauses,
                "whole_flags": whole,
                "upload_form": upload,
                "may_work": may_work and review.state in services.OPEN_STATES,
                "add_form": f.AddFlagForm(clauses=draft.clauses if draft else ()),
                "fair_rows": fair_rows,
                "fair_form": f.FairCompetitionForm(rows=fair_rows or ())
                if fair_rows is not None
                else None,
                "fair": getattr(review, "fair_competition", None) if fair_rows else None,
                "accepted_count": len(selectors.accepted_flags(review)),
            },
        )

    def flag_view(self, request, object_id, flag_id, verb):
        review = get_for_user_or_404(ReviewRequest, request.user, pk=object_id)
        flag = get_for_user_or_404(
            ReviewFlag.objects.filter(review=review), request.user, pk=flag_id
        )
        try:
            if verb == "accept":
                services.flag_accept(actor=request.user, flag=flag)
                messages.success(request, f"已采纳：{flag.clause_ref}（{flag.article}）。")
            elif verb == "dismiss":
                form = f.DismissForm(request.POST)
                if not form.is_valid():
                    raise ValidationError("排除提示须写明理由。")
                services.flag_dismiss(
                    actor=request.user, flag=flag, reason=form.cleaned_data["reason"]
                )
                messages.success(request, f"已排除：{flag.clause_ref}。")
            else:
                raise Http404("没有这个操作。")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect(self._assist_url(review) + f"#flag-{flag.pk}")

    def add_flag_view(self, request, object_id):
        review = get_for_user_or_404(ReviewRequest, request.user, pk=object_id)
        draft = selectors.current_draft(review)
        if draft is None:
            raise Http404("尚未上传送审稿。")
        form = f.AddFlagForm(request.POST, clauses=draft.clauses)
        try:
            if not form.is_valid():
                raise ValidationError(
                    [f"{form.fields[k].label}：{'；'.join(v)}" for k, v in form.errors.items()]
                )
            services.flag_add(actor=request.user, draft=draft, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已添加审查意见。")
        return redirect(self._assist_url(review))

    def fair_competition_view(self, request, object_id):
        review = get_for_user_or_404(ReviewRequest, request.user, pk=object_id)
        rows = selectors.fair_competition_rows(review)
        if rows is None:
            raise Http404("该送审稿不涉及市场活动，没有公平竞争审查表。")
        form = f.FairCompetitionForm(request.POST, rows=rows)
        try:
            if not form.is_valid():
                raise ValidationError("请填写公平竞争审查结论。")
            services.fair_competition_save(
                actor=request.user,
                review=review,
                answers=form.answers(),
                conclusion=form.cleaned_data["conclusion"],
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "公平竞争审查表已保存。")
        return redirect(self._assist_url(review) + "#fair-competition")

    def opinion_view(self, request, object_id):
        review = get_for_user_or_404(ReviewRequest, request.user, pk=object_id)
        try:
            data = services.opinion_generate(actor=request.user, review=review)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return redirect(self._assist_url(review))
        record_access_event(
            request, AccessEventKind.EXPORT, obj=review, detail={"document": "合法性审查意见书"}
        )
        response = HttpResponse(data, content_type=DOCX)
        name = f"合法性审查意见书-{review.year}-{review.serial}.docx"
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response

    def statistics_view(self, request):
        if not may_maintain_assist_rules(request.user):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "review/assist_statistics.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "辅助审查规则的采纳与排除统计",
                "rows": selectors.rule_statistics(user=request.user),
            },
        )

    def object_panel_context(self, request, obj):
        return {
            "assist_url": self._assist_url(obj),
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


class AssistRulesAccess:
    """The legal office and the 依法治区办 keep the rules; nobody deletes one (history)."""

    def has_module_permission(self, request):
        return bool(may_maintain_assist_rules(request.user))

    def has_view_permission(self, request, obj=None):
        return bool(may_maintain_assist_rules(request.user))

    def has_add_permission(self, request):
        return bool(may_maintain_assist_rules(request.user))

    def has_change_permission(self, request, obj=None):
        return bool(may_maintain_assist_rules(request.user))

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FlagRule, site=site)
class FlagRuleAdmin(AssistRulesAccess, NotFoundInsteadOfRedirect, ModelAdmin):
    list_display = ["name", "kind", "article", "scope", "active", "version", "precision"]
    list_filter = ["kind", "scope", "active"]
    search_fields = ["name", "article", "explanation"]
    readonly_fields = ["version", "updated_at", "updated_by"]
    fields = [
        "name",
        "kind",
        "article",
        "explanation",
        "scope",
        "patterns",
        "conditions",
        "exceptions",
        "fair_competition_item",
        "active",
        "version",
        "updated_at",
        "updated_by",
    ]

    @admin.display(description="采纳率（已处理的提示）")
    def precision(self, obj):
        decided = obj.flags.exclude(status=FlagStatus.OPEN)
        total = decided.count()
        if not total:
            return "—"
        return f"{decided.filter(status=FlagStatus.ACCEPTED).count() / total:.0%}（{total} 条）"

    def save_model(self, request, obj, form, change):
        services.flag_rule_save(actor=request.user, rule=obj, changed=form.has_changed())

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class Checked(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name in ("patterns", "conditions", "exceptions"):
                    # regular expressions are the office's data, not labels
                    self.fields[name].widget.attrs["data-label-check"] = "skip"
                self.fields["fair_competition_item"] = django_forms.ChoiceField(
                    label="对应公平竞争审查事项",
                    required=False,
                    choices=[("", "—")]
                    + [
                        (code, f"《公平竞争审查条例》{article}：{text}")
                        for code, (_, article, text) in FAIR_COMPETITION_ITEMS.items()
                    ],
                )

            def clean(self):
                data = super().clean()
                try:
                    compile_rule(
                        FlagRule(
                            **{
                                k: data.get(k) or ""
                                for k in ("kind", "name", "article", "explanation")
                            },
                            scope=data.get("scope") or "clause",
                            patterns=data.get("patterns") or "",
                            conditions=data.get("conditions") or "",
                            exceptions=data.get("exceptions") or "",
                        )
                    )
                except RuleError as exc:
                    raise ValidationError(str(exc)) from exc
                return data

        return Checked


@admin.register(RepealedLaw, site=site)
class RepealedLawAdmin(AssistRulesAccess, NotFoundInsteadOfRedirect, ModelAdmin):
    list_display = ["title", "repealed_on", "replaced_by", "source", "active"]
    list_filter = ["active"]
    search_fields = ["title", "replaced_by"]
