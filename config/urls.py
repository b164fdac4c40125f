from django.http import HttpResponse
from django.urls import path
from django.views.generic import RedirectView

from fazhi.core.admin import site
from fazhi.core.plugins import app_urlpatterns


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False), name="home"),
    path("healthz", healthz, name="healthz"),
    # every app's urls.py at its URL_PREFIX (fazhi.core.plugins): no line per register here
    *app_urlpatterns(),
    path("admin/", site.urls),
]
