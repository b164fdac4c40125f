"""Back office of employment services: fairs, their employers and positions (import of the
recruitment platform's list)."""

from django.contrib import admin

from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.core.admin_actions import ExcelImportMixin
from fazhi.employment import imports
from fazhi.employment.models import FairEmployer, FairPosition, JobFair


@admin.register(JobFair, site=site)
class JobFairAdmin(UnitScopedAdmin):
    list_display = ["name", "kind", "held_on", "organiser", "applicants", "matches", "leaflets"]
    list_filter = ["kind"]
    search_fields = ["name", "organiser"]
    date_hierarchy = "held_on"


@admin.register(FairEmployer, site=site)
class FairEmployerAdmin(UnitScopedAdmin):
    list_display = ["name", "fair", "uscc"]
    search_fields = ["name", "fair__name"]


@admin.register(FairPosition, site=site)
class FairPositionAdmin(ExcelImportMixin, UnitScopedAdmin):
    list_display = ["title", "employer", "openings"]
    search_fields = ["title", "employer__name"]
    import_spec = imports.POSITION_IMPORT
    import_title = "导入招聘平台企业及岗位清单"
