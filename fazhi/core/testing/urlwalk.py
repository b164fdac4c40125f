"""Walk every registered URL pattern, filling path parameters, for the generic access tests."""

from django.urls import URLPattern, URLResolver, get_resolver

OBJECT_KWARGS = {"pk", "object_id", "id"}


def iter_patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry, namespace


def sample_path(route: str, value: str = "1") -> str:
    """Turn a route like 'admin/core/unit/<path:object_id>/change/' or a regex into a concrete path."""
    import re

    path = re.sub(r"<(?:\w+:)?(\w+)>", value, route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", value, path)
    path = path.replace("^", "").replace("$", "").replace("\\", "")
    path = re.sub(r"\(\?:[^)]*\)\??", "", path)
    return "/" + path.lstrip("/")
