"""Back office of 普法: the 普法责任清单 (with completion), activities (with Excel import),
livestreams, 法治文化阵地, 民主法治示范村 and 法律明白人. Records are created by their services
and change only through actions."""

from django.contrib import admin

from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.core.admin_actions import (
    ExcelImportMixin,
    ObjectAction,
    ObjectActionsMixin,
    ServiceAddMixin,
)
from fazhi.publicity import forms as f
from fazhi.publicity import imports, services
from fazhi.publicity.forms import USER_KEY
from fazhi.publicity.models import (
    CultureSite,
    DemonstrationVillage,
    LegalLiterate,
    Livestream,
    PublicityDuty,
    PublicityEvent,
)
from fazhi.publicity.workflow import DUTY_WORKFLOW, may_record_for


class RecordAdmin(ServiceAddMixin, ObjectActionsMixin, UnitScopedAdmin):
    readonly_change_form = True

    def add_initial(self, request) -> dict:
        return {USER_KEY: request.user}

    def get_readonly_fields(self, request, obj=None):
        return list(self.fields or ())

    def has_delete_permission(self, request, obj=None):
        return False

    def _unit(self, request, data):
        return data.pop("unit", None) or request.user.unit


@admin.register(PublicityDuty, site=site)
class PublicityDutyAdmin(RecordAdmin):
    list_display = ["year", "unit", "title", "planned_events", "state", "completed_on"]
    list_filter = ["year", "state"]
    search_fields = ["title", "laws"]
    fields = [
        "unit",
        "year",
        "title",
        "laws",
        "audience",
        "planned_events",
        "state",
        "completed_on",
        "completion_note",
    ]
    add_form_class = f.DutyForm
    object_actions = [
        ObjectAction(
            "complete",
            DUTY_WORKFLOW["complete"].label,
            f.DutyCompleteForm,
            lambda request, duty, data: services.duty_complete(
                actor=request.user, duty=duty, **data
            ),
            check=lambda user, duty: DUTY_WORKFLOW.check("complete", user, duty),
            visible=lambda duty: duty.state in DUTY_WORKFLOW["complete"].sources,
            rule=DUTY_WORKFLOW["complete"].rule,
        )
    ]

    def add_run(self, request, data):
        return services.duty_add(actor=request.user, unit=self._unit(request, data), **data)


@admin.register(PublicityEvent, site=site)
class PublicityEventAdmin(ExcelImportMixin, RecordAdmin):
    list_display = ["held_on", "unit", "kind", "title", "place", "materials", "consultations"]
    list_filter = ["kind"]
    search_fields = ["title", "place", "organiser"]
    date_hierarchy = "held_on"
    fields = [
        "unit",
        "kind",
        "title",
        "held_on",
        "place",
        "organiser",
        "audience",
        "participants",
        "materials",
        "consultations",
        "duty",
    ]
    add_form_class = f.EventForm
    import_spec = imports.EVENT_IMPORT
    import_title = "导入普法活动台账"

    def add_run(self, request, data):
        return services.event_record(actor=request.user, unit=self._unit(request, data), **data)


@admin.register(Livestream, site=site)
class LivestreamAdmin(RecordAdmin):
    list_display = ["held_on", "unit", "title", "platform", "views", "likes", "stats_on"]
    date_hierarchy = "held_on"
    fields = ["unit", "title", "platform", "held_on", "views", "likes", "stats_on", "event"]
    add_form_class = f.LivestreamForm
    object_actions = [
        ObjectAction(
            "update_stats",
            "更新平台统计",
            f.StatsForm,
            lambda request, stream, data: services.livestream_update_stats(
                actor=request.user, livestream=stream, **data
            ),
            check=lambda user, stream: may_record_for(user, stream.unit),
            initial=lambda request, stream: {"views": stream.views, "likes": stream.likes},
        )
    ]

    def add_run(self, request, data):
        return services.livestream_record(
            actor=request.user, unit=self._unit(request, data), **data
        )


@admin.register(CultureSite, site=site)
class CultureSiteAdmin(RecordAdmin):
    list_display = ["name", "kind", "location", "unit", "themes", "sculptures", "opened_on"]
    list_filter = ["kind"]
    fields = [
        "unit",
        "name",
        "kind",
        "location",
        "sections",
        "themes",
        "sculptures",
        "small_sculptures",
        "opened_on",
        "updated_on",
    ]
    add_form_class = f.CultureSiteForm

    def add_run(self, request, data):
        return services.culture_site_record(
            actor=request.user, unit=self._unit(request, data), **data
        )


@admin.register(DemonstrationVillage, site=site)
class DemonstrationVillageAdmin(RecordAdmin):
    list_display = ["unit", "level", "awarded_year", "awarded_by", "revoked_on"]
    list_filter = ["level", "awarded_year"]
    fields = ["unit", "level", "awarded_year", "awarded_by", "revoked_on"]
    add_form_class = f.VillageForm

    def add_run(self, request, data):
        return services.demonstration_village_name(
            actor=request.user, unit=self._unit(request, data), **data
        )


@admin.register(LegalLiterate, site=site)
class LegalLiterateAdmin(RecordAdmin):
    list_display = ["name", "unit", "occupation", "trained_on", "active"]
    list_filter = ["active"]
    search_fields = ["name", "unit__name"]
    fields = ["unit", "name", "occupation", "trained_on", "active"]
    add_form_class = f.LegalLiterateForm

    def add_run(self, request, data):
        return services.legal_literate_register(
            actor=request.user, unit=self._unit(request, data), **data
        )
