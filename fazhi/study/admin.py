"""Back office of 学法述法: the 应知应会 list, staff, study sessions (with the overview of each
unit's count and coverage), the exam roster (Excel import), 任前考法, the committee's meetings,
documents and tasks, 述法 and the 第一责任人 duty lists.

Records are created through their services (ServiceAddMixin) and change only through actions;
change forms are read-only.
"""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from unfold.admin import ModelAdmin

from fazhi.core.admin import NotFoundInsteadOfRedirect, UnitScopedAdmin, can_work_on_records, site
from fazhi.core.admin_actions import (
    ExcelImportMixin,
    ObjectAction,
    ObjectActionsMixin,
    ServiceAddMixin,
)
from fazhi.deadlines.selectors import clocks_for
from fazhi.study import conf, imports, services
from fazhi.study import forms as f
from fazhi.study.forms import USER_KEY
from fazhi.study.models import (
    AppointmentExam,
    CommitteeDocument,
    CommitteeMeeting,
    CommitteeTask,
    DutyReport,
    LawExamEntry,
    RequiredLaw,
    RequiredLawList,
    ResponsibilityList,
    StaffMember,
    StudySession,
    TaskState,
)
from fazhi.study.selectors import overview
from fazhi.study.workflow import TASK_WORKFLOW, may_keep_committee, may_record_for


def _is_office(request) -> bool:
    return bool(may_keep_committee(request.user))


class RecordAdmin(ServiceAddMixin, ObjectActionsMixin, UnitScopedAdmin):
    """A register page whose records are created by a service and never edited in place."""

    readonly_change_form = True

    def add_initial(self, request) -> dict:
        return {USER_KEY: request.user}

    def get_readonly_fields(self, request, obj=None):
        return list(self.fields or ())

    def has_delete_permission(self, request, obj=None):
        return False


class OfficeRecordAdmin(RecordAdmin):
    """The committee's records: everyone in scope reads them, the office records them."""

    def has_add_permission(self, request):
        return can_work_on_records(request) and _is_office(request)


# --- 应知应会清单 ---------------------------------------------------------------------------


class RequiredLawInline(admin.TabularInline):
    model = RequiredLaw
    extra = 0
    can_delete = False
    fields = ["order", "kind", "title"]
    readonly_fields = fields
    verbose_name_plural = "清单中的法规"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RequiredLawList, site=site)
class RequiredLawListAdmin(
    NotFoundInsteadOfRedirect, ServiceAddMixin, ObjectActionsMixin, ModelAdmin
):
    """The city's list: public reference data every business user reads; the office keeps it."""

    list_display = ["title", "year", "division", "issuer"]
    fields = ["title", "year", "division", "issuer"]
    readonly_fields = fields
    inlines = [RequiredLawInline]
    add_form_class = f.RequiredLawListForm
    readonly_change_form = True
    object_actions = [
        ObjectAction(
            "add_law",
            "增加法规",
            f.RequiredLawForm,
            lambda request, law_list, data: services.required_law_add(
                actor=request.user, law_list=law_list, **data
            ),
            check=lambda user, law_list: may_keep_committee(user),
        )
    ]

    def add_run(self, request, data):
        return services.required_law_list_create(
            actor=request.user, division=request.user.unit.division, **data
        )

    def has_module_permission(self, request):
        return can_work_on_records(request)

    def has_view_permission(self, request, obj=None):
        return can_work_on_records(request)

    def has_add_permission(self, request):
        return can_work_on_records(request) and _is_office(request)

    def has_change_permission(self, request, obj=None):
        return can_work_on_records(request)

    def has_delete_permission(self, request, obj=None):
        return False


# --- staff and study ------------------------------------------------------------------------


@admin.register(StaffMember, site=site)
class StaffMemberAdmin(RecordAdmin):
    list_display = ["name", "position", "is_leader", "unit", "active"]
    list_filter = ["is_leader", "active"]
    search_fields = ["name", "position"]
    fields = ["unit", "name", "position", "is_leader", "active"]
    export_fields = ("unit", "name", "position", "is_leader", "active")
    add_form_class = f.StaffForm

    def add_run(self, request, data):
        form_unit = data.pop("unit", None) or request.user.unit
        return services.staff_register(actor=request.user, unit=form_unit, **data)


@admin.register(StudySession, site=site)
class StudySessionAdmin(RecordAdmin):
    list_display = ["held_on", "unit", "kind", "topic", "law_count", "attendee_count"]
    list_filter = ["kind"]
    search_fields = ["topic", "lecturer", "laws__title"]
    date_hierarchy = "held_on"
    fields = [
        "unit",
        "kind",
        "held_on",
        "topic",
        "lecturer",
        "laws",
        "other_laws",
        "attendees",
        "decision",
        "notes",
        "recorded_by",
    ]
    add_form_class = f.StudySessionForm
    list_before_template = "study/session_tools.html"
    object_actions = [
        ObjectAction(
            "add_attendees",
            "补充参加人员",
            f.AttendanceForm,
            lambda request, session, data: services.study_attendance_add(
                actor=request.user, session=session, people=data["attendees"]
            ),
            check=lambda user, session: may_record_for(user, session.unit),
            form_kwargs=lambda request, session: {"session": session},
        )
    ]

    @admin.display(description="学习法规（部）")
    def law_count(self, obj):
        return obj.laws.count()

    @admin.display(description="参加人数")
    def attendee_count(self, obj):
        return obj.attendees.count()

    def add_run(self, request, data):
        unit = data.pop("unit", None) or request.user.unit
        return services.study_session_record(actor=request.user, unit=unit, **data)

    def get_search_results(self, request, queryset, search_term):
        queryset, _duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False

    def get_urls(self):
        return [
            path(
                "overview/",
                self.admin_site.admin_view(self.overview_view),
                name="study_studysession_overview",
            )
        ] + super().get_urls()

    def overview_view(self, request):
        today = timezone.localdate()
        try:
            year = int(request.GET.get("year", today.year))
        except ValueError:
            year = today.year
        context = {
            **self.admin_site.each_context(request),
            "title": f"{year}年各单位学法情况",
            "opts": self.model._meta,
            "year": year,
            "years": range(today.year, today.year - 5, -1),
            "rows": overview(user=request.user, year=year),
            "min_sessions": conf.setting("min_sessions"),
            "min_coverage": conf.setting("min_coverage") * 100,
        }
        return TemplateResponse(request, "study/overview.html", context)


# --- exams ----------------------------------------------------------------------------------


@admin.register(LawExamEntry, site=site)
class LawExamEntryAdmin(ExcelImportMixin, ObjectActionsMixin, UnitScopedAdmin):
    list_display = ["year", "person", "unit", "studied", "registered", "sat", "passed", "score"]
    list_filter = ["year", "studied", "registered", "sat", "passed"]
    search_fields = ["person__name"]
    fields = ["year", "unit", "person", "studied", "registered", "sat", "passed", "score"]
    readonly_fields = fields
    readonly_change_form = True
    import_spec = imports.ROSTER_IMPORT
    import_title = "导入学法考法名单"
    object_actions = [
        ObjectAction(
            "record_result",
            "登记学法考试情况",
            f.ExamResultForm,
            lambda request, entry, data: services.exam_result_record(
                actor=request.user, entry=entry, **data
            ),
            check=lambda user, entry: may_record_for(user, entry.unit),
            initial=lambda request, entry: {
                "studied": entry.studied,
                "registered": entry.registered,
                "sat": entry.sat,
                "passed": entry.passed,
                "score": entry.score,
            },
        )
    ]

    def has_add_permission(self, request):
        return can_work_on_records(request)

    def add_view(self, request, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:study_lawexamentry_import"))

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AppointmentExam, site=site)
class AppointmentExamAdmin(RecordAdmin):
    list_display = ["exam_date", "person", "position", "unit", "score", "passed"]
    list_filter = ["passed"]
    date_hierarchy = "exam_date"
    fields = ["unit", "person", "position", "exam_date", "score", "passed"]
    add_form_class = f.AppointmentExamForm

    def add_run(self, request, data):
        return services.appointment_exam_record(actor=request.user, **data)


# --- the committee --------------------------------------------------------------------------


class DocumentInline(admin.TabularInline):
    model = CommitteeDocument
    extra = 0
    can_delete = False
    fields = ["kind", "title", "covers_year"]
    readonly_fields = fields
    verbose_name_plural = "审议通过的文件"

    def has_add_permission(self, request, obj=None):
        return False


def _assign(request, meeting, data):
    services.committee_task_assign(actor=request.user, meeting=meeting, **data)


@admin.register(CommitteeMeeting, site=site)
class CommitteeMeetingAdmin(OfficeRecordAdmin):
    list_display = ["title", "number", "held_on", "chair"]
    date_hierarchy = "held_on"
    fields = ["unit", "number", "held_on", "title", "chair", "attendees"]
    inlines = [DocumentInline]
    add_form_class = f.CommitteeMeetingForm
    object_actions = [
        ObjectAction(
            "adopt_document",
            "登记审议通过的文件",
            f.CommitteeDocumentForm,
            lambda request, meeting, data: services.committee_document_adopt(
                actor=request.user, meeting=meeting, **data
            ),
            check=lambda user, meeting: may_keep_committee(user),
        ),
        ObjectAction(
            "assign_task",
            "交办任务",
            f.CommitteeTaskForm,
            _assign,
            check=lambda user, meeting: may_keep_committee(user),
        ),
    ]

    def add_run(self, request, data):
        return services.committee_meeting_record(actor=request.user, unit=request.user.unit, **data)


@admin.register(CommitteeDocument, site=site)
class CommitteeDocumentAdmin(UnitScopedAdmin):
    list_display = ["title", "kind", "covers_year", "meeting"]
    list_filter = ["kind", "covers_year"]
    fields = ["meeting", "kind", "title", "covers_year"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _task_action(verb, form_class, run):
    transition = TASK_WORKFLOW[verb]
    return ObjectAction(
        verb,
        transition.label,
        form_class,
        run,
        check=lambda user, task: TASK_WORKFLOW.check(verb, user, task),
        visible=lambda task: task.state in transition.sources,
        rule=transition.rule,
    )


@admin.register(CommitteeTask, site=site)
class CommitteeTaskAdmin(ObjectActionsMixin, UnitScopedAdmin):
    list_display = ["title", "unit", "assigned_on", "due_date", "state", "completed_on"]
    list_filter = ["state"]
    search_fields = ["title"]
    date_hierarchy = "assigned_on"
    fields = [
        "unit",
        "meeting",
        "document",
        "title",
        "detail",
        "assigned_on",
        "period_rule",
        "due_date",
        "state",
        "completed_on",
        "result",
        "follow_ups",
    ]
    readonly_fields = fields
    readonly_change_form = True
    object_panel_template = "study/task_panel.html"
    object_actions = [
        _task_action(
            "follow_up",
            f.FollowUpForm,
            lambda request, task, data: services.committee_task_follow_up(
                actor=request.user, task=task, **data
            ),
        ),
        _task_action(
            "complete",
            f.CompleteForm,
            lambda request, task, data: services.committee_task_complete(
                actor=request.user, task=task, **data
            ),
        ),
    ]

    def object_panel_context(self, request, obj):
        return {
            "task_clocks": clocks_for(obj, user=request.user),
            "task_events": obj.timeline.select_related("actor"),
            "task_overdue": obj.is_overdue(timezone.localdate()),
            "task_done": obj.state == TaskState.DONE,
        }

    def has_add_permission(self, request):
        return False  # tasks are assigned from the committee meeting's page

    def has_delete_permission(self, request, obj=None):
        return False


# --- 述法 and duty lists ---------------------------------------------------------------------


@admin.register(DutyReport, site=site)
class DutyReportAdmin(RecordAdmin):
    list_display = ["year", "unit", "head_name", "head_position", "mode", "reported_on"]
    list_filter = ["year", "mode"]
    search_fields = ["head_name", "unit__name"]
    fields = [
        "unit",
        "year",
        "head_name",
        "head_position",
        "mode",
        "reported_on",
        "committee_meeting",
        "summary",
    ]
    add_form_class = f.DutyReportForm

    def add_run(self, request, data):
        unit = data.pop("unit", None) or request.user.unit
        return services.duty_report_record(actor=request.user, unit=unit, **data)


@admin.register(ResponsibilityList, site=site)
class ResponsibilityListAdmin(RecordAdmin):
    list_display = ["year", "unit", "head_name", "head_position"]
    list_filter = ["year"]
    fields = ["unit", "year", "head_name", "head_position", "duties"]
    add_form_class = f.ResponsibilityListForm

    def add_run(self, request, data):
        unit = data.pop("unit", None) or request.user.unit
        return services.responsibility_list_record(actor=request.user, unit=unit, **data)
