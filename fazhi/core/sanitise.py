"""Text that reaches a model is stripped of characters a reader cannot see (issue: zero-width
and right-to-left override characters were kept in titles and names).

A `pre_save` receiver, for every model of the platform's apps, removes zero-width characters,
bidirectional controls (U+202A–U+202E, U+2066–U+2069 …), C0/C1 control characters other than
tab and line breaks, and lone surrogates from every text field. Imports refuse such characters
with a message instead (`fazhi.core.xlsx.clean_text`); this is the floor for everything else
(admin forms, services, scripts).
"""

from django.db import models

from fazhi.core.xlsx import sanitise_text


def _text_fields(model) -> list[models.Field]:
    cached = getattr(model._meta, "_fazhi_text_fields", None)
    if cached is None:
        cached = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        model._meta._fazhi_text_fields = cached
    return cached


def strip_invisible(sender, instance, raw=False, **kwargs) -> None:
    app_config = getattr(sender._meta, "app_config", None)  # None for migration models
    if raw or app_config is None or not app_config.name.startswith("fazhi."):
        return
    for field in _text_fields(sender):
        value = getattr(instance, field.attname, None)
        if isinstance(value, str) and _suspicious(value):
            setattr(instance, field.attname, sanitise_text(value))


def _suspicious(value: str) -> bool:
    """Cheap pre-test: plain printable ASCII needs no work."""
    return not value.isascii() or any(
        (ord(ch) < 32 and ch not in "\t\n\r") or ord(ch) == 127 for ch in value
    )
