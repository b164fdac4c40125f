"""/portal/: the public site (fazhi.core.plugins mounts it), including the normative
documents at /portal/normdocs/ (moved here from fazhi.normdocs; the addresses are unchanged)."""

from django.urls import path, re_path

from fazhi.portal import views

URL_PREFIX = "portal/"
app_name = "portal"
CODE = r"(?P<code>[0-9]{6,12})"
urlpatterns = [
    path("", views.index, name="index"),
    path("normdocs/", views.normdocs_list, name="normdocs"),
    path("normdocs/cleanups/<int:year>/", views.normdocs_cleanups, name="normdocs_cleanups"),
    path("normdocs/<str:registration_number>/", views.normdocs_detail, name="normdocs_detail"),
    re_path(rf"^{CODE}/normdocs/$", views.normdocs_list, name="district_normdocs"),
    re_path(rf"^{CODE}/$", views.district_home, name="district"),
    re_path(rf"^{CODE}/reports/(?P<pk>[0-9]{{1,18}})/$", views.report_view, name="report"),
    re_path(
        rf"^{CODE}/reports/(?P<pk>[0-9]{{1,18}})/download/$",
        views.report_download,
        name="report_download",
    ),
    re_path(rf"^{CODE}/legal-aid/(?P<year>[0-9]{{4}})/$", views.legal_aid_notice, name="legal_aid"),
    re_path(rf"^{CODE}/advisors/$", views.village_advisors, name="advisors"),
    re_path(
        rf"^{CODE}/disclosure-reports/(?P<pk>[0-9]{{1,18}})/$",
        views.disclosure_report_view,
        name="disclosure_report",
    ),
    re_path(
        rf"^{CODE}/disclosure-reports/(?P<pk>[0-9]{{1,18}})/download/$",
        views.disclosure_report_download,
        name="disclosure_report_download",
    ),
    re_path(
        rf"^{CODE}/disclosure-reports/(?P<year>[0-9]{{4}})-(?P<unit>[0-9]{{1,18}})/$",
        views.disclosure_report_by_year,
        name="disclosure_report_by_year",
    ),
    re_path(rf"^{CODE}/catalogs/(?P<pk>[0-9]{{1,18}})/$", views.catalog_view, name="catalog"),
]
