"""Back office of community corrections. The subjects' pages exist only for users cleared for
the subject's label (a same-unit user without it gets a 404); every view of a subject's page is
an access-log entry naming the fields shown (C1, G3); identifiers are masked."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone

from fazhi.core.admin import UnitScopedAdmin, export_xlsx, site
from fazhi.core.admin_actions import ObjectAction, ObjectActionsMixin, ServiceAddMixin
from fazhi.core.sensitivity import SensitiveViewAdminMixin
from fazhi.corrections import forms as f
from fazhi.corrections import services
from fazhi.corrections.models import (
    Competition,
    CompetitionEntry,
    ContactLoss,
    CrossReview,
    Enrolment,
    Movement,
    ReviewedFile,
    Subject,
    SubjectState,
    TeamMember,
    TrainingClass,
)
from fazhi.corrections.workflow import WORKFLOW
from fazhi.deadlines.selectors import clocks_for
from fazhi.legal_aid.admin_personal import export_personal
from fazhi.legal_aid.personal import masked_id, masked_name, masked_phone, masked_text


def _check(verb):
    return lambda user, subject: WORKFLOW.check(verb, user, subject)


def _states(*states):
    return lambda subject: subject.state in states


def _today(request, subject):
    return {"on": timezone.localdate()}


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TeamInline(ReadOnlyInline):
    model = TeamMember
    fields = readonly_fields = ["name", "gender", "role"]


class MovementInline(ReadOnlyInline):
    model = Movement
    fields = readonly_fields = [
        "kind",
        "requested_on",
        "start",
        "end",
        "required_level",
        "decision",
    ]


class ContactLossInline(ReadOnlyInline):
    model = ContactLoss
    fields = readonly_fields = ["lost_on", "measures", "found_on"]


@admin.register(Subject, site=site)
class SubjectAdmin(SensitiveViewAdminMixin, ServiceAddMixin, ObjectActionsMixin, UnitScopedAdmin):
    readonly_change_form = True
    list_display = ["number", "shown_name", "gender", "sentence_kind", "state", "term_end"]
    list_filter = ["state", "sentence_kind", "gender"]
    search_fields = ["number"]
    add_form_class = f.SubjectForm
    object_panel_template = "corrections/subject_panel.html"
    inlines = [TeamInline, MovementInline, ContactLossInline]
    actions = [export_xlsx, export_personal]
    sensitive_fields = ("name", "id_number", "phone", "address", "crime", "plan")
    export_fields = (
        "number",
        "gender",
        "sentence_kind",
        "deciding_organ",
        "effective_on",
        "term_start",
        "term_end",
        "state",
        "reported_on",
        "released_on",
    )
    personal_columns = [
        ("档案编号", lambda s: s.number),
        ("姓名", lambda s: s.name),
        ("居民身份证号码", lambda s: s.id_number),
        ("联系电话", lambda s: s.phone),
        ("居住地", lambda s: s.address),
        ("罪名", lambda s: s.crime),
    ]
    fieldsets = [
        (
            "矫正对象（个人信息已脱敏）",
            {
                "fields": [
                    "number",
                    "sensitivity",
                    "shown_name",
                    "gender",
                    "shown_id_number",
                    "shown_phone",
                    "shown_address",
                    "crime",
                    "is_minor",
                ]
            },
        ),
        (
            "执行",
            {
                "fields": [
                    "sentence_kind",
                    "deciding_organ",
                    "effective_on",
                    "notified_on",
                    "documents_received_on",
                    "notice_late",
                    "documents_late",
                    "term_start",
                    "term_end",
                    "state",
                    "reported_on",
                    "received_on",
                    "plan",
                    "team_confirmed_on",
                    "released_on",
                    "terminated_on",
                    "termination_ground",
                ]
            },
        ),
    ]
    object_actions = [
        ObjectAction(
            "report_in",
            "报到",
            f.OnForm,
            lambda r, s, d: services.subject_report_in(actor=r.user, subject=s, **d),
            check=_check("report_in"),
            visible=_states(SubjectState.AWAITING_REPORT),
            initial=_today,
            rule="《社区矫正法》第二十一条",
        ),
        ObjectAction(
            "receive",
            "接收并宣告",
            f.ReceiveForm,
            lambda r, s, d: services.subject_receive(actor=r.user, subject=s, **d),
            check=_check("receive"),
            visible=_states(SubjectState.REPORTED),
            initial=_today,
            rule="《社区矫正法》第二十二条",
        ),
        ObjectAction(
            "team",
            "确定矫正方案和矫正小组",
            f.TeamForm,
            lambda r, s, d: services.team_set(actor=r.user, subject=s, **f.team_arguments(d)),
            visible=_states(SubjectState.REPORTED, SubjectState.UNDER_CORRECTION),
            initial=_today,
            rule="《社区矫正法》第二十四条、第二十五条",
        ),
        ObjectAction(
            "movement",
            "外出/变更执行地申请",
            f.MovementForm,
            lambda r, s, d: services.movement_request(actor=r.user, subject=s, **d),
            visible=_states(SubjectState.UNDER_CORRECTION),
            rule="《社区矫正法》第二十七条",
        ),
        ObjectAction(
            "decide_movement",
            "审批外出/变更执行地",
            f.DecideForm,
            lambda r, s, d: services.movement_decide(actor=r.user, movement=d.pop("movement"), **d),
            visible=lambda s: s.movements.filter(decision="pending").exists(),
            initial=_today,
            form_kwargs=lambda request, subject: {"subject": subject},
            rule="《社区矫正法》第二十七条",
        ),
        ObjectAction(
            "proposal",
            "提请减刑、撤销缓刑（假释）、收监执行或逮捕",
            f.ProposalForm,
            lambda r, s, d: services.proposal_file(actor=r.user, subject=s, **d),
            visible=_states(SubjectState.UNDER_CORRECTION, SubjectState.LOST_CONTACT),
            rule="《社区矫正法》第三十三条、第四十七条至第四十九条",
        ),
        ObjectAction(
            "tagging",
            "电子定位装置审批",
            f.TaggingForm,
            lambda r, s, d: services.tagging_approve(actor=r.user, subject=s, **d),
            visible=_states(SubjectState.UNDER_CORRECTION, SubjectState.LOST_CONTACT),
            rule="《社区矫正法》第二十九条",
        ),
        ObjectAction(
            "lose_contact",
            "失去联系",
            f.LostForm,
            lambda r, s, d: services.contact_lost(actor=r.user, subject=s, **d),
            check=_check("lose_contact"),
            visible=_states(SubjectState.UNDER_CORRECTION, SubjectState.REPORTED),
            initial=_today,
            rule="《社区矫正法》第三十条",
        ),
        ObjectAction(
            "regain_contact",
            "恢复联系",
            f.OnForm,
            lambda r, s, d: services.contact_regained(actor=r.user, subject=s, **d),
            check=_check("regain_contact"),
            visible=_states(SubjectState.LOST_CONTACT),
            initial=_today,
        ),
        ObjectAction(
            "release",
            "解除矫正",
            f.ReleaseForm,
            lambda r, s, d: services.subject_release(actor=r.user, subject=s, **d),
            check=_check("release"),
            visible=_states(SubjectState.UNDER_CORRECTION),
            initial=_today,
            rule="《社区矫正法》第四十四条",
        ),
        ObjectAction(
            "terminate",
            "终止矫正",
            f.TerminateForm,
            lambda r, s, d: services.subject_terminate(actor=r.user, subject=s, **d),
            check=_check("terminate"),
            visible=lambda s: s.state not in (SubjectState.RELEASED, SubjectState.TERMINATED),
            initial=_today,
            rule="《社区矫正法》第四十五条",
        ),
    ]

    @admin.display(description="姓名")
    def shown_name(self, subject):
        return masked_name(subject.name)

    @admin.display(description="居民身份证号码")
    def shown_id_number(self, subject):
        return masked_id(subject.id_number)

    @admin.display(description="联系电话")
    def shown_phone(self, subject):
        return masked_phone(subject.phone) or "—"

    @admin.display(description="居住地")
    def shown_address(self, subject):
        return masked_text(subject.address)

    def get_readonly_fields(self, request, obj=None):
        return [name for _title, spec in self.fieldsets for name in spec["fields"]]

    def has_delete_permission(self, request, obj=None):
        return False

    def add_run(self, request, data):
        return services.subject_register(actor=request.user, **data)

    def object_panel_context(self, request, subject):
        return {
            "subject": subject,
            "subject_clocks": clocks_for(subject),
            "subject_timeline": subject.timeline.all(),
        }


class EnrolmentInline(ReadOnlyInline):
    model = Enrolment
    fields = readonly_fields = ["subject", "graduated", "graduated_on"]


@admin.register(TrainingClass, site=site)
class TrainingClassAdmin(ServiceAddMixin, UnitScopedAdmin):
    list_display = ["name", "kind", "started_on", "ended_on", "participants", "graduates"]
    add_form_class = f.TrainingForm
    fields = readonly_fields = ["name", "kind", "started_on", "ended_on"]
    inlines = [EnrolmentInline]

    @admin.display(description="学员")
    def participants(self, training):
        return training.enrolments.count()

    @admin.display(description="结业")
    def graduates(self, training):
        return training.enrolments.filter(graduated=True).count()

    def add_run(self, request, data):
        return services.training_open(actor=request.user, **data)


class ReviewedFileInline(ReadOnlyInline):
    model = ReviewedFile
    fields = readonly_fields = ["subject", "passed", "problems"]


@admin.register(CrossReview, site=site)
class CrossReviewAdmin(UnitScopedAdmin):
    list_display = ["name", "organiser", "held_on", "files", "failed"]
    fields = readonly_fields = ["name", "organiser", "held_on"]
    inlines = [ReviewedFileInline]

    @admin.display(description="迎查案卷")
    def files(self, review):
        return review.files.count()

    @admin.display(description="不合格")
    def failed(self, review):
        return review.files.filter(passed=False).count()

    def has_add_permission(self, request):
        return False


class EntryInline(ReadOnlyInline):
    model = CompetitionEntry
    fields = readonly_fields = ["participant", "event", "award"]


@admin.register(Competition, site=site)
class CompetitionAdmin(UnitScopedAdmin):
    list_display = ["name", "organiser", "held_on"]
    fields = readonly_fields = ["name", "organiser", "held_on"]
    inlines = [EntryInline]

    def has_add_permission(self, request):
        return False
