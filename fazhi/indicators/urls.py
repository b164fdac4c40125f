from django.urls import path

from fazhi.core.admin import site
from fazhi.indicators import office_views, views


def staff(view):
    """Inside the admin site: login required, staff only; keeps the view's `scoped_model`."""
    wrapped = site.admin_view(view)
    if hasattr(view, "scoped_model"):
        wrapped.scoped_model = view.scoped_model
    return wrapped


app_name = "indicators"
urlpatterns = [
    path("", staff(views.values_view), name="values"),
    path("provenance/", staff(views.provenance_view), name="provenance"),
    path("catalog/", staff(office_views.catalog_view), name="catalog"),
    path("catalog/edit/", staff(office_views.indicator_edit_view), name="indicator_edit"),
    path("rules/", staff(office_views.rules_view), name="rules"),
    path("windows/", staff(office_views.windows_view), name="windows"),
    path("targets/", staff(office_views.targets_view), name="targets"),
    path("returns/", staff(views.return_list_view), name="returns"),
    path("returns/open/", staff(views.return_open_view), name="return_open"),
    path("returns/<int:pk>/", staff(views.return_detail_view), name="return_detail"),
    path("returns/<int:pk>/template/", staff(views.return_template_view), name="return_template"),
]
