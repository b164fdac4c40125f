"""Back office of meetings: meetings with their agenda, the agenda ledger, minutes."""

from django.contrib import admin

from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.core.admin_actions import ObjectAction, ObjectActionsMixin, ServiceAddMixin
from fazhi.meetings import forms as f
from fazhi.meetings import services
from fazhi.meetings.models import AgendaItem, Meeting, Minutes
from fazhi.meetings.workflow import may_record
from fazhi.review.models import MaterialKind
from fazhi.review.selectors import reviews_for


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    can_delete = False
    fields = ["order", "kind", "title", "presenting_unit", "outcome", "review_period_warning"]
    readonly_fields = fields
    verbose_name_plural = "议题"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting, site=site)
class MeetingAdmin(ServiceAddMixin, ObjectActionsMixin, UnitScopedAdmin):
    list_display = ["__str__", "kind", "held_on", "unit", "chair"]
    list_filter = ["kind", "unit"]
    date_hierarchy = "held_on"
    search_fields = ["title", "items__title"]
    inlines = [AgendaInline]
    add_form_class = f.MeetingForm
    readonly_fields = ["unit", "kind", "number", "held_on"]
    fields = [
        "unit",
        "kind",
        "number",
        "held_on",
        "title",
        "chair",
        "attendees",
        "location",
        "advisors_present",
    ]
    object_actions = [
        ObjectAction(
            "add_item",
            "登记议题",
            f.AgendaItemForm,
            lambda request, meeting, data: services.agenda_item_add(
                actor=request.user, meeting=meeting, **data
            ),
            check=may_record,
            description="重大行政决策、规范性文件请在其登记页面“提交集体讨论”，以核对合法性审查（《重大行政决策程序暂行条例》第二十五条）。",
        )
    ]

    def add_run(self, request, data):
        return services.meeting_create(actor=request.user, unit=request.user.unit, **data)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


@admin.register(AgendaItem, site=site)
class AgendaItemAdmin(UnitScopedAdmin):
    """The ledger of matters discussed (集体研究讨论的重大事项)."""

    list_display = ["meeting", "order", "kind", "title", "presenting_unit", "outcome"]
    list_filter = ["kind", "outcome", "meeting__kind"]
    search_fields = ["title"]
    date_hierarchy = "meeting__held_on"
    readonly_fields = [
        "meeting",
        "order",
        "kind",
        "title",
        "presenting_unit",
        "outcome",
        "dissent",
        "head_decision",
        "departs_from_majority_reason",
        "review_period_warning",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _send_minutes(request, minutes, data):
    materials = [
        {
            "kind": MaterialKind.DRAFT,
            "title": f"{minutes.title}（送审稿）",
            "note": minutes.body or data.get("note") or minutes.title,
        }
    ]
    services.minutes_send_for_review(
        actor=request.user, minutes=minutes, submitted_on=data["submitted_on"], materials=materials
    )


@admin.register(Minutes, site=site)
class MinutesAdmin(ObjectActionsMixin, UnitScopedAdmin):
    list_display = ["number", "title", "meeting_name", "issued_on", "unit"]
    search_fields = ["number", "title", "body"]
    date_hierarchy = "issued_on"
    fields = ["meeting", "meeting_name", "number", "title", "issued_on", "body"]
    object_panel_template = "meetings/minutes_panel.html"
    object_actions = [
        ObjectAction(
            "send_for_review",
            "送合法性审查",
            f.MinutesReviewForm,
            _send_minutes,
            visible=lambda minutes: not reviews_for(minutes).exists(),
        )
    ]

    def has_delete_permission(self, request, obj=None):
        return False

    def object_panel_context(self, request, obj):
        return {"minutes_reviews": reviews_for(obj)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting":
            kwargs["queryset"] = Meeting.objects.for_user(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
