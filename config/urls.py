from django.urls import path
from django.views.generic import RedirectView

from fazhi.core.admin import site
from fazhi.core.plugins import app_urlpatterns
from fazhi.core.views import healthz

handler400 = "fazhi.core.views.bad_request"
handler500 = "fazhi.core.views.server_error"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False), name="home"),
    path("healthz", healthz, name="healthz"),
    # every app's urls.py at its URL_PREFIX (fazhi.core.plugins): no line per register here
    *app_urlpatterns(),
    path("admin/", site.urls),
]
