"""Public pages under /portal/normdocs/ (read-only)."""

from django.urls import path

from fazhi.normdocs import views

URL_PREFIX = "portal/normdocs/"
app_name = "normdocs_public"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("cleanups/<int:year>/", views.cleanup_results, name="cleanups"),
    path("<str:registration_number>/", views.document_detail, name="detail"),
]
