from django.urls import path

from fazhi.core.admin import site
from fazhi.reports import views


def staff(view):
    """Inside the admin site: login required, staff only; keeps the view's `scoped_model`."""
    wrapped = site.admin_view(view)
    if hasattr(view, "scoped_model"):
        wrapped.scoped_model = view.scoped_model
    return wrapped


app_name = "reports"
urlpatterns = [
    path("", staff(views.index_view), name="index"),
    path("departments/", staff(views.departments_view), name="departments"),
    path("<int:pk>/", staff(views.detail_view), name="detail"),
    path("<int:pk>/sections/add/", staff(views.section_add_view), name="section_add"),
    path("<int:pk>/sections/<slug:key>/", staff(views.section_edit_view), name="section_edit"),
    path(
        "<int:pk>/sections/<slug:key>/remove/",
        staff(views.section_remove_view),
        name="section_remove",
    ),
    path("<int:pk>/figures/<str:code>/", staff(views.figure_view), name="figure"),
    path("<int:pk>/redraft/", staff(views.redraft_view), name="redraft"),
    path("<int:pk>/problems/", staff(views.propose_view), name="propose"),
    path(
        "<int:pk>/problems/<int:problem_id>/",
        staff(views.problem_decide_view),
        name="problem_decide",
    ),
    path("<int:pk>/duties/<int:duty_id>/", staff(views.duty_record_view), name="duty_record"),
    path("<int:pk>/export/<str:fmt>/", staff(views.export_view), name="export"),
    path("<int:pk>/freeze/", staff(views.freeze_view), name="freeze"),
    path(
        "<int:pk>/exports/<int:export_id>/",
        staff(views.export_download_view),
        name="export_download",
    ),
    path("<int:pk>/versions/<int:number>/", staff(views.version_view), name="version"),
    path("<int:pk>/upload/", staff(views.upload_view), name="upload"),
    path("<int:pk>/file/", staff(views.upload_download_view), name="upload_download"),
]
