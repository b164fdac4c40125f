from django.urls import path

from fazhi.cockpit import views
from fazhi.core.admin import site
from fazhi.core.admin_actions import staff_view

app_name = "cockpit"
urlpatterns = [
    path("", staff_view(views.matrix_view, site), name="matrix"),
    path("charts/", staff_view(views.charts_view, site), name="charts"),
    path("findings/", staff_view(views.findings_view, site), name="findings"),
    path("export/", staff_view(views.matrix_export_view, site), name="export"),
    path("unit/<int:pk>/", staff_view(views.unit_view, site), name="unit"),
    path(
        "returns/<int:pk>/revision/",
        staff_view(views.revision_apply_view, site),
        name="revision_apply",
    ),
    path("revisions/<int:pk>/", staff_view(views.revision_view, site), name="revision"),
]
