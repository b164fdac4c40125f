"""/api/: the REST API (fazhi.api.root), mounted by fazhi.core.plugins.app_urlpatterns."""

import re

from django.http import JsonResponse
from django.urls import include, path, re_path

from fazhi.api.errors import error_body
from fazhi.api.root import SCOPED_MODELS, audited, build_api

URL_PREFIX = "api/"

api = build_api()
_patterns, _app, _namespace = api.urls
for _pattern in _patterns:
    _pattern.callback = audited(_pattern.callback)
    _route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(_pattern.pattern)).strip("/")
    if _route in SCOPED_MODELS:
        _pattern.callback.scoped_model = SCOPED_MODELS[_route]


def not_found(request, rest=""):
    """Any other path under /api/: the one error shape, not the HTML 404 page."""
    return JsonResponse(
        error_body(404, "没有这个接口。"), status=404, json_dumps_params={"ensure_ascii": False}
    )


urlpatterns = [
    path("", include((_patterns, _app), namespace=_namespace)),
    re_path(r"^(?P<rest>.*)$", not_found),
]
