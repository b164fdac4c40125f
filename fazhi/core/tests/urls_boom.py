"""The project's URLs plus one view that fails, for the 500-page test."""

from django.urls import path

from config.urls import handler400, handler500  # noqa: F401
from config.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("secret-internal-detail")


urlpatterns = [path("boom/", boom), *project_urlpatterns]
