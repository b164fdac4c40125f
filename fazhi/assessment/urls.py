from django.urls import path

from fazhi.assessment import views
from fazhi.core.admin import site
from fazhi.core.admin_actions import staff_view

app_name = "assessment"
URL_PREFIX = "assessment/"
urlpatterns = [
    path("", staff_view(views.index_view, site), name="index"),
    path("sample/", staff_view(views.sample_view, site), name="sample"),
    path("<int:pk>/", staff_view(views.detail_view, site), name="detail"),
    path("<int:pk>/export/", staff_view(views.export_view, site), name="export"),
    path("files/<int:pk>/", staff_view(views.file_view, site), name="file"),
]
