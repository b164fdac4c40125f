"""Back office of normative documents: the register, its lifecycle actions, cleanups and
incidental reviews. The changelist search uses the pg_trgm full-text search (title and body)."""

from django.contrib import admin, messages
from django.utils import timezone

from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.core.admin_actions import (
    ExcelImportMixin,
    ObjectAction,
    ObjectActionsMixin,
    ServiceAddMixin,
)
from fazhi.core.workflow import ALLOW, refuse
from fazhi.deadlines.selectors import clocks_for
from fazhi.deadlines.services import compute_due
from fazhi.meetings.selectors import discussions_of
from fazhi.normdocs import forms as f
from fazhi.normdocs import imports, services
from fazhi.normdocs.models import (
    CleanupCampaign,
    CleanupItem,
    CleanupOutcome,
    CleanupState,
    DocState,
    IncidentalReview,
    NormativeDocument,
)
from fazhi.normdocs.selectors import cleanup_result_lists
from fazhi.normdocs.workflow import BEFORE_PUBLICATION, WORKFLOW, may_edit
from fazhi.review.selectors import reviews_for


def _check(verb):
    return lambda user, obj: WORKFLOW.check(verb, user, obj)


def _states(*states):
    return lambda obj: obj.state in states


def _publish_initial(request, doc):
    today = timezone.localdate()
    return {
        "registration_number": services.suggest_registration_number(today.year),
        "published_on": today,
        "effective_on": compute_due(services.ENTRY_INTO_FORCE_RULE, today).due_date,
        "document_number": doc.document_number,
    }


def _submit(request, doc, data):
    services.normdoc_submit_for_review(actor=request.user, document=doc, **data)


@admin.register(NormativeDocument, site=site)
class NormativeDocumentAdmin(
    ServiceAddMixin, ObjectActionsMixin, ExcelImportMixin, UnitScopedAdmin
):
    readonly_change_form = True
    list_display = [
        "registration_number",
        "title",
        "unit",
        "state",
        "published_on",
        "effective_on",
        "valid_until",
        "filed_on",
    ]
    list_filter = ["state", "issuer_kind", "pending_amendment", "unit"]
    date_hierarchy = "published_on"
    search_fields = ["title"]  # replaced by the trigram search below
    search_help_text = "按标题或正文检索（支持两字、三字及以上词语）"
    add_form_class = f.DraftForm
    object_panel_template = "normdocs/panel.html"
    import_columns = imports.NORMDOC_COLUMNS
    import_title = "导入规范性文件台账（已公布的历史文件）"
    export_fields = (
        "registration_number",
        "document_number",
        "title",
        "unit",
        "issuer_kind",
        "state",
        "published_on",
        "effective_on",
        "valid_until",
        "filed_on",
        "filed_with",
    )
    fieldsets = [
        (None, {"fields": ["title", "issuer_kind", "unit", "state", "document_number", "body"]}),
        (
            "制定程序",
            {
                "fields": [
                    "is_provisional",
                    "needs_government_consent",
                    "government_consent_ref",
                    "consultation_start",
                    "consultation_end",
                    "consultation_summary",
                    "consultation_shortened_reason",
                    "consultation_exempt_reason",
                ]
            },
        ),
        (
            "三统一与备案",
            {
                "fields": [
                    "registration_number",
                    "registered_on",
                    "published_on",
                    "publication_channel",
                    "publication_url",
                    "effective_on",
                    "immediate_effect_reason",
                    "valid_until",
                    "filed_on",
                    "filed_with",
                    "filing_reference",
                ]
            },
        ),
        (
            "效力",
            {"fields": ["pending_amendment", "suspended", "supersedes", "ended_on", "end_reason"]},
        ),
    ]
    object_actions = [
        ObjectAction(
            "consultation",
            "公开征求意见",
            f.ConsultationForm,
            lambda request, doc, data: services.normdoc_open_consultation(
                actor=request.user, document=doc, start=data["start"]
            ),
            check=_check("open_consultation"),
            visible=_states(DocState.DRAFTING),
        ),
        ObjectAction(
            "submit_for_review",
            "送合法性审核",
            f.SubmitForReviewForm,
            _submit,
            check=_check("submit_for_review"),
            visible=_states(DocState.DRAFTING, DocState.CONSULTATION),
            rule="国办发〔2018〕115号",
        ),
        ObjectAction(
            "discuss",
            "提交集体审议",
            f.DiscussForm,
            lambda request, doc, data: services.normdoc_discuss(
                actor=request.user, document=doc, **data
            ),
            check=_check("discuss"),
            visible=_states(DocState.LEGALITY_REVIEW, DocState.REVIEW_PASSED),
            form_kwargs=lambda request, doc: {"user": request.user},
            rule="国办发〔2018〕115号；决策条例第二十五条",
        ),
        ObjectAction(
            "publish",
            "统一登记、编号、公布",
            f.PublishForm,
            lambda request, doc, data: services.normdoc_publish(
                actor=request.user, document=doc, **data
            ),
            check=_check("publish"),
            visible=_states(*BEFORE_PUBLICATION),
            initial=_publish_initial,
            rule="《湖南省规范性文件管理办法》“三统一”规定、第二十条",
        ),
        ObjectAction(
            "file",
            "报送备案",
            f.FileForm,
            lambda request, doc, data: services.normdoc_file(
                actor=request.user, document=doc, **data
            ),
            check=_check("file"),
            visible=lambda doc: doc.state == DocState.PUBLISHED and doc.filed_on is None,
            rule="N7",
        ),
        ObjectAction(
            "end",
            "废止/宣布失效",
            f.EndForm,
            lambda request, doc, data: services.normdoc_end(
                actor=request.user, document=doc, **data
            ),
            check=lambda user, doc: may_edit(user, doc),
            visible=_states(DocState.PUBLISHED),
        ),
        ObjectAction(
            "incidental",
            "登记附带审查",
            f.IncidentalForm,
            lambda request, doc, data: services.incidental_review_open(
                actor=request.user, document=doc, **data
            ),
            visible=_states(DocState.PUBLISHED),
            rule="《行政复议法》第十三条、第五十六条",
        ),
        ObjectAction(
            "abandon",
            "终止制定",
            f.AbandonForm,
            lambda request, doc, data: services.normdoc_abandon(
                actor=request.user, document=doc, reason=data["reason"]
            ),
            check=_check("abandon"),
            visible=_states(DocState.DRAFTING, DocState.CONSULTATION),
        ),
    ]

    def add_run(self, request, data):
        return services.normdoc_draft(actor=request.user, **data)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in NormativeDocument._meta.concrete_fields]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False

    def object_panel_context(self, request, doc):
        earliest = None
        if doc.published_on and doc.state in BEFORE_PUBLICATION + (DocState.PUBLISHED,):
            earliest = compute_due(services.ENTRY_INTO_FORCE_RULE, doc.published_on)
        return {
            "doc": doc,
            "doc_reviews": reviews_for(doc),
            "doc_discussions": discussions_of(doc),
            "doc_clocks": clocks_for(doc),
            "earliest_effective": earliest,
        }

    def import_rows(self, request, rows):
        return imports.normdoc_import(actor=request.user, rows=rows)


class CleanupItemInline(admin.TabularInline):
    model = CleanupItem
    extra = 0
    can_delete = False
    fields = ["document", "outcome", "reason", "applied"]
    readonly_fields = fields
    verbose_name_plural = "清理范围与结论"
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


def _organiser(user, campaign):
    if user.is_superuser or user.has_role("office_staff") or user.unit_id == campaign.unit_id:
        return ALLOW
    return refuse("只有组织清理的单位可以办理。")


@admin.register(CleanupCampaign, site=site)
class CleanupCampaignAdmin(ServiceAddMixin, ObjectActionsMixin, UnitScopedAdmin):
    readonly_change_form = True
    list_display = ["title", "kind", "year", "unit", "state", "completed_on", "published_on"]
    list_filter = ["kind", "year", "state"]
    search_fields = ["title"]
    inlines = [CleanupItemInline]
    add_form_class = f.CleanupStartForm
    object_panel_template = "normdocs/cleanup_panel.html"
    object_actions = [
        ObjectAction(
            "complete",
            "完成清理",
            f.CleanupCompleteForm,
            lambda request, campaign, data: services.cleanup_complete(
                actor=request.user, campaign=campaign, on=data["on"]
            ),
            check=_organiser,
            visible=lambda c: c.state == CleanupState.OPEN,
        ),
        ObjectAction(
            "publish",
            "公布清理结果",
            f.CleanupPublishForm,
            lambda request, campaign, data: services.cleanup_publish(
                actor=request.user, campaign=campaign, on=data["on"], url=data.get("url") or ""
            ),
            check=_organiser,
            visible=lambda c: c.state == CleanupState.COMPLETED,
            rule="N9",
        ),
    ]

    def add_run(self, request, data):
        return services.cleanup_start(actor=request.user, **data)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in CleanupCampaign._meta.concrete_fields]

    def has_delete_permission(self, request, obj=None):
        return False

    def object_panel_context(self, request, campaign):
        return {"campaign": campaign, "result_lists": cleanup_result_lists(campaign)}


def _bulk_outcome(outcome):
    def action(modeladmin, request, queryset):
        done = 0
        for item in queryset:
            try:
                services.cleanup_set_outcome(actor=request.user, item=item, outcome=outcome)
                done += 1
            except Exception as exc:  # noqa: BLE001 - report each refusal, keep going
                messages.error(
                    request, f"{item.document}：{'；'.join(getattr(exc, 'messages', [str(exc)]))}"
                )
        if done:
            messages.success(
                request, f"已将{done}件文件的清理结论登记为“{CleanupOutcome(outcome).label}”。"
            )

    action.__name__ = f"mark_{outcome}"
    action.short_description = f"清理结论：{CleanupOutcome(outcome).label}"
    return action


@admin.register(CleanupItem, site=site)
class CleanupItemAdmin(ObjectActionsMixin, UnitScopedAdmin):
    readonly_change_form = True
    list_display = ["document", "campaign", "outcome", "reason", "applied"]
    list_filter = ["campaign", "outcome", "applied"]
    search_fields = ["document__title"]
    readonly_fields = ["campaign", "document", "outcome", "reason", "applied"]
    fields = readonly_fields
    actions = [*UnitScopedAdmin.actions, _bulk_outcome(CleanupOutcome.REMAINS_VALID)]
    object_actions = [
        ObjectAction(
            "outcome",
            "作出清理结论",
            f.CleanupOutcomeForm,
            lambda request, item, data: services.cleanup_set_outcome(
                actor=request.user,
                item=item,
                outcome=data["outcome"],
                reason=data.get("reason") or "",
            ),
            check=lambda user, item: _organiser(user, item.campaign),
            visible=lambda item: item.campaign.state == CleanupState.OPEN,
        )
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IncidentalReview, site=site)
class IncidentalReviewAdmin(ObjectActionsMixin, UnitScopedAdmin):
    readonly_change_form = True
    list_display = ["case_number", "document", "source", "received_on", "outcome", "decided_on"]
    list_filter = ["source", "outcome"]
    search_fields = ["case_number", "document__title"]
    readonly_fields = [
        "document",
        "source",
        "case_number",
        "reconsideration_case",
        "received_on",
        "competent",
        "suspended_on",
        "issuer_notified_on",
        "issuer_notice_received_on",
        "issuer_replied_on",
        "deadlines",
        "outcome",
        "decided_on",
        "note",
    ]
    fields = readonly_fields
    object_actions = [
        ObjectAction(
            "notify_issuer",
            "登记书面通知制定机关",
            f.IssuerNoticeForm,
            lambda request, review, data: services.incidental_review_notify_issuer(
                actor=request.user, review=review, **data
            ),
            visible=lambda review: (
                review.source == "reconsideration"
                and review.competent
                and review.issuer_notified_on is None
            ),
            rule="《行政复议法》第五十八条",
        ),
        ObjectAction(
            "issuer_reply",
            "登记制定机关书面答复",
            f.IssuerReplyForm,
            lambda request, review, data: services.incidental_review_record_issuer_reply(
                actor=request.user, review=review, **data
            ),
            visible=lambda review: (
                review.issuer_notice_received_on is not None and review.issuer_replied_on is None
            ),
            rule="《行政复议法》第五十八条",
        ),
        ObjectAction(
            "decide",
            "登记处理结果",
            f.IncidentalDecideForm,
            lambda request, review, data: services.incidental_review_decide(
                actor=request.user, review=review, **data
            ),
            visible=lambda review: not review.outcome,
            rule="《行政复议法》第五十七条至第六十条",
        ),
    ]

    @admin.display(description="期限")
    def deadlines(self, obj):
        return (
            "；".join(
                f"{c.label}：{c.due_date:%Y-%m-%d}（{c.get_state_display()}）"
                for c in clocks_for(obj)
            )
            or "—"
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
