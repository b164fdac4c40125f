"""The fields every register's step forms are built from, in the admin theme's widgets, and
the one way a service's refusal lands on a form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from unfold.widgets import (
    UnfoldAdminDateWidget,
    UnfoldAdminSelectWidget,
    UnfoldAdminTextareaWidget,
    UnfoldAdminTextInputWidget,
    UnfoldBooleanSwitchWidget,
)


def date_field(label, required=True, initial_today=True):
    return forms.DateField(
        label=label,
        required=required,
        widget=UnfoldAdminDateWidget,
        initial=timezone.localdate if initial_today else None,
    )


def text_field(label, required=True, max_length=200):
    return forms.CharField(
        label=label, required=required, max_length=max_length, widget=UnfoldAdminTextInputWidget
    )


def area_field(label, required=True):
    return forms.CharField(label=label, required=required, widget=UnfoldAdminTextareaWidget)


def choice_field(label, choices, required=True):
    choices = list(choices)
    if not required:
        choices = [("", "——")] + choices
    return forms.ChoiceField(
        label=label, choices=choices, required=required, widget=UnfoldAdminSelectWidget
    )


def bool_field(label):
    return forms.BooleanField(label=label, required=False, widget=UnfoldBooleanSwitchWidget)


def errors_onto_form(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where the field exists."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
