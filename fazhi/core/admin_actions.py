"""Admin building blocks for registers: object actions that run a service through a form page,
and a validated, atomic Excel import page for a ledger.

- `ObjectActionsMixin`: a ModelAdmin lists `ObjectAction`s; each shows as a button above the
  change form (with the guard's refusal, naming the article, when the law forbids it) and opens
  `<object_id>/do/<name>/`, a form page whose valid POST calls the register's service. A
  service's `ValidationError` comes back onto the form; nothing else is written.
- `ExcelImportMixin`: `import/` takes an .xlsx and runs the register's `ImportSpec` through
  `fazhi.core.imports.run_import` (the one import path: hardened parse, duplicates, advisory
  lock, idempotent store, access log); problems are listed by row and column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from unfold import widgets as uw

from fazhi.core.audit import record_access_event
from fazhi.core.forms import errors_onto_form
from fazhi.core.imports import ImportSpec, run_import
from fazhi.core.models import AccessEventKind
from fazhi.core.workflow import ALLOW, Verdict
from fazhi.core.xlsx import Column, ImportProblems


class ActionForm(forms.Form):
    """A plain form restyled with the back office's (unfold) widgets; dates use the browser's
    date picker (value format YYYY-MM-DD)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            form_field.widget = _styled_widget(form_field)


def _styled_widget(form_field):
    widget = form_field.widget
    attrs = dict(widget.attrs)
    if isinstance(form_field, forms.DateField):
        return forms.DateInput(
            attrs={**attrs, "type": "date", "class": " ".join(uw.INPUT_CLASSES)},
            format="%Y-%m-%d",
        )
    if isinstance(form_field, forms.BooleanField):
        return uw.UnfoldBooleanWidget(attrs=attrs)
    if isinstance(form_field, forms.FileField):
        return uw.UnfoldAdminFileFieldWidget(attrs=attrs)
    if isinstance(form_field, forms.ChoiceField):
        styled = uw.UnfoldAdminSelectWidget(attrs=attrs)
        styled.choices = widget.choices
        return styled
    if isinstance(widget, forms.Textarea):
        return uw.UnfoldAdminTextareaWidget(attrs={"rows": 4, **attrs})
    if isinstance(widget, forms.TextInput | forms.NumberInput | forms.URLInput):
        styled = uw.UnfoldAdminTextInputWidget(attrs=attrs)
        styled.input_type = widget.input_type
        return styled
    return widget


@dataclass(frozen=True)
class ObjectAction:
    name: str
    label: str
    form_class: type[forms.Form]
    run: Callable  # (request, obj, cleaned_data) -> None; calls the service
    check: Callable | None = None  # (user, obj) -> Verdict: the workflow guard
    visible: Callable | None = None  # (obj) -> bool: the button belongs to this state
    initial: Callable | None = None  # (request, obj) -> dict
    description: str = ""
    rule: str = ""
    form_kwargs: Callable | None = None  # (request, obj) -> dict passed to the form


@dataclass
class ActionButton:
    label: str
    url: str
    allowed: bool
    reason: str = ""
    rule: str = ""
    name: str = ""
    extra: dict = field(default_factory=dict)


class ObjectActionsMixin:
    object_actions: Sequence[ObjectAction] = ()
    change_form_outer_before_template = "core/object_actions.html"
    # True where every field is read-only and changes happen only through the actions
    readonly_change_form = False

    def get_object_actions(self, request, obj) -> list[ObjectAction]:
        return list(self.object_actions)

    def _action_url(self, obj, name: str) -> str:
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_action",
            args=[obj.pk, name],
        )

    def object_action_buttons(self, request, obj) -> list[ActionButton]:
        buttons = []
        for action in self.get_object_actions(request, obj):
            if action.visible is not None and not action.visible(obj):
                continue
            verdict: Verdict = action.check(request.user, obj) if action.check else ALLOW
            buttons.append(
                ActionButton(
                    label=action.label,
                    url=self._action_url(obj, action.name),
                    allowed=bool(verdict),
                    reason=verdict.reason,
                    rule=action.rule,
                    name=action.name,
                )
            )
        return buttons

    def object_panel_context(self, request, obj) -> dict:
        """Extra context for the panel above the change form (checklists, clocks …)."""
        return {}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context["object_action_buttons"] = self.object_action_buttons(request, obj)
            extra_context.update(self.object_panel_context(request, obj))
        if self.readonly_change_form:
            extra_context.update(
                show_save=False, show_save_and_continue=False, show_save_and_add_another=False
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        opts = self.model._meta
        custom = [
            path(
                "<path:object_id>/do/<str:action>/",
                self.admin_site.admin_view(self.object_action_view),
                name=f"{opts.app_label}_{opts.model_name}_action",
            )
        ]
        return custom + super().get_urls()

    def object_action_view(self, request, object_id, action):
        try:
            obj = self.get_queryset(request).filter(pk=unquote(object_id)).first()
        except (ValueError, ValidationError):
            obj = None
        if obj is None:
            raise Http404("没有找到该记录。")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        chosen = {a.name: a for a in self.get_object_actions(request, obj)}.get(action)
        if chosen is None or (chosen.visible is not None and not chosen.visible(obj)):
            raise Http404("没有该办理事项。")
        initial = chosen.initial(request, obj) if chosen.initial else None
        extra = chosen.form_kwargs(request, obj) if chosen.form_kwargs else {}
        if request.method == "POST":
            form = chosen.form_class(request.POST, request.FILES, initial=initial, **extra)
            if form.is_valid():
                try:
                    chosen.run(request, obj, form.cleaned_data)
                except ValidationError as exc:
                    errors_onto_form(form, exc)
                else:
                    messages.success(request, f"已{chosen.label}：{obj}")
                    opts = self.model._meta
                    return HttpResponseRedirect(
                        reverse(
                            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                            args=[obj.pk],
                        )
                    )
        else:
            form = chosen.form_class(initial=initial, **extra)
        verdict = chosen.check(request.user, obj) if chosen.check else ALLOW
        context = {
            **self.admin_site.each_context(request),
            "title": chosen.label,
            "subtitle": str(obj),
            "form": form,
            "original": obj,
            "opts": self.model._meta,
            "action": chosen,
            "verdict": verdict,
            "change_url": reverse(
                f"{self.admin_site.name}:{self.model._meta.app_label}_"
                f"{self.model._meta.model_name}_change",
                args=[obj.pk],
            ),
        }
        return TemplateResponse(request, "core/object_action_form.html", context)


class ImportForm(ActionForm):
    file = forms.FileField(label="Excel 文件（.xlsx）")


class ExcelImportMixin:
    """The admin page of a register's Excel import (`import/` and `import/template/`).

    A register declares `import_spec` (a `fazhi.core.imports.ImportSpec` from its
    `imports.py`); `fazhi.core.imports.run_import` parses, checks, locks and stores. Older
    admins may still declare `import_columns` and `import_rows(request, rows) -> int`.
    """

    import_spec: ImportSpec | None = None
    import_columns: Sequence[Column] = ()
    import_title: str = ""
    list_before_template = "core/import_link.html"

    def import_rows(self, request, rows: list[dict]) -> int:
        raise NotImplementedError

    def get_import_spec(self, request) -> ImportSpec:
        if self.import_spec is not None:
            return self.import_spec
        return ImportSpec(
            name=self.model._meta.label,
            columns=self.import_columns,
            store=lambda actor, rows: self.import_rows(request, rows),
        )

    def get_urls(self):
        opts = self.model._meta
        custom = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name=f"{opts.app_label}_{opts.model_name}_import",
            ),
            path(
                "import/template/",
                self.admin_site.admin_view(self.import_template_view),
                name=f"{opts.app_label}_{opts.model_name}_import_template",
            ),
        ]
        return custom + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        if self.has_add_permission(request):
            opts = self.model._meta
            extra_context["import_url"] = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import"
            )
        return super().changelist_view(request, extra_context)

    def import_template_view(self, request):
        """The template: headers, drop-downs, date and text formats, notes and a sample row
        (fazhi.core.xlsx_templates); a register may set `import_sample` (header → value)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        from fazhi.core.xlsx_templates import build_import_template, unit_names_for

        content = build_import_template(
            self.get_import_spec(request).columns,
            title=self.import_title or f"导入{self.model._meta.verbose_name}",
            units=unit_names_for(request.user),
            samples=getattr(self, "import_sample", None),
        )
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{self.model._meta.model_name}_template.xlsx"'
        )
        return response

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        spec = self.get_import_spec(request)
        problems: list[str] = []
        form = ImportForm(request.POST or None, request.FILES or None)
        opts = self.model._meta
        if request.method == "POST" and form.is_valid():
            try:
                result = run_import(
                    spec,
                    _read_upload(form.cleaned_data["file"], spec),
                    actor=request.user,
                    request=request,
                )
            except ImportProblems as exc:
                problems = [str(e) for e in exc.errors]
            except ValidationError as exc:
                problems = exc.messages
            else:
                messages.success(request, result.message)
                return HttpResponseRedirect(
                    reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
                )
            record_access_event(
                request,
                AccessEventKind.IMPORT,
                success=False,
                detail={"ledger": spec.name, "problems": problems[:20]},
            )
        context = {
            **self.admin_site.each_context(request),
            "title": self.import_title or f"导入{opts.verbose_name}",
            "form": form,
            "opts": opts,
            "problems": problems,
            "columns": spec.columns,
            "template_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import_template"
            ),
            "changelist_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist"
            ),
        }
        return TemplateResponse(request, "core/import_form.html", context)


def _read_upload(upload, spec: ImportSpec) -> bytes:
    """Read at most one byte over the limit: a larger file is refused without reading it all."""
    if upload.size is not None and upload.size > spec.max_bytes:
        raise ValidationError(f"文件超过 {spec.max_bytes // 1024 // 1024} MB，请分批导入。")
    return upload.read(spec.max_bytes + 1)


class ServiceAddMixin:
    """The admin "add" page runs the register's creating service through `add_form_class`
    (`add_run(request, cleaned_data) -> obj`) instead of saving a ModelForm."""

    add_form_class: type[forms.Form] | None = None

    def add_run(self, request, data: dict):
        raise NotImplementedError

    def add_initial(self, request) -> dict:
        return {}

    def add_view(self, request, form_url="", extra_context=None):
        if self.add_form_class is None:
            return super().add_view(request, form_url, extra_context)
        if not self.has_add_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        if request.method == "POST":
            form = self.add_form_class(
                request.POST, request.FILES, initial=self.add_initial(request)
            )
            if form.is_valid():
                try:
                    obj = self.add_run(request, form.cleaned_data)
                except ValidationError as exc:
                    errors_onto_form(form, exc)
                else:
                    messages.success(request, f"已登记：{obj}")
                    return HttpResponseRedirect(
                        reverse(
                            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                            args=[obj.pk],
                        )
                    )
        else:
            form = self.add_form_class(initial=self.add_initial(request))
        context = {
            **self.admin_site.each_context(request),
            "title": f"新增{opts.verbose_name}",
            "form": form,
            "opts": opts,
            "verdict": ALLOW,
            "action": None,
            "change_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist"
            ),
            "back_label": f"{opts.verbose_name}台账",
        }
        return TemplateResponse(request, "core/object_action_form.html", context)


def staff_view(view, admin_site):
    """A custom staff page inside the admin site (login, staff only, the security gate); keeps
    the view's `scoped_model`, which the isolation walk reads."""
    wrapped = admin_site.admin_view(view)
    if hasattr(view, "scoped_model"):
        wrapped.scoped_model = view.scoped_model
    return wrapped
