"""/portal/: the public site (fazhi.core.plugins mounts it; normative documents stay at
/portal/normdocs/, served by fazhi.normdocs)."""

from django.urls import path, re_path

from fazhi.portal import views

URL_PREFIX = "portal/"
app_name = "portal"
CODE = r"(?P<code>[0-9]{6,12})"
urlpatterns = [
    path("", views.index, name="index"),
    re_path(rf"^{CODE}/$", views.district_home, name="district"),
    re_path(rf"^{CODE}/reports/(?P<pk>[0-9]{{1,18}})/$", views.report_view, name="report"),
    re_path(
        rf"^{CODE}/reports/(?P<pk>[0-9]{{1,18}})/download/$",
        views.report_download,
        name="report_download",
    ),
    re_path(rf"^{CODE}/legal-aid/(?P<year>[0-9]{{4}})/$", views.legal_aid_notice, name="legal_aid"),
    re_path(rf"^{CODE}/advisors/$", views.village_advisors, name="advisors"),
    re_path(rf"^{CODE}/catalogs/(?P<pk>[0-9]{{1,18}})/$", views.catalog_view, name="catalog"),
]
