from django.urls import include, path
from django.views.generic import RedirectView

from fazhi.core.admin import site
from fazhi.core.views import healthz

handler400 = "fazhi.core.views.bad_request"
handler500 = "fazhi.core.views.server_error"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False), name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("fazhi.core.urls")),
    path("indicators/", include("fazhi.indicators.urls")),
    path("reports/", include("fazhi.reports.urls")),
    path("portal/normdocs/", include("fazhi.normdocs.urls")),
    path("admin/", site.urls),
]
