"""接口令牌: created and revoked by the system admin; the token is shown once."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from unfold.admin import ModelAdmin

from fazhi.api.models import ApiToken, Scope
from fazhi.api.tokens import check_scopes, token_issue, token_revoke, token_set_scopes
from fazhi.core.admin import NotFoundInsteadOfRedirect, can_manage_users, site


class ApiTokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label="权限范围", choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiToken
        fields = ["name", "owner", "scopes", "expires_at", "rate_limit", "active"]

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("owner") or getattr(self.instance, "owner", None)
        if owner is not None and cleaned.get("scopes") is not None:
            try:
                check_scopes(owner, cleaned["scopes"])
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["expires_at"].initial = timezone.now() + timedelta(days=365)


@admin.register(ApiToken, site=site)
class ApiTokenAdmin(NotFoundInsteadOfRedirect, ModelAdmin):
    form = ApiTokenForm
    list_display = ["name", "owner", "token_hint", "scope_labels", "expires_at", "active",
                    "revoked_at", "last_used_at"]  # fmt: skip
    list_filter = ["active"]
    search_fields = ["name", "owner__name"]
    readonly_fields = ["token_hint", "account", "created_at", "created_by", "revoked_at",
                       "last_used_at"]  # fmt: skip
    actions = ["revoke"]

    @admin.display(description="权限范围")
    def scope_labels(self, obj):
        return "、".join(Scope(s).label for s in obj.scopes if s in Scope.values)

    def get_fields(self, request, obj=None):
        fields = ["name", "owner", "scopes", "expires_at", "rate_limit"]
        return fields if obj is None else [*fields, "active", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def has_module_permission(self, request):
        return can_manage_users(request)

    def has_view_permission(self, request, obj=None):
        return can_manage_users(request)

    def has_add_permission(self, request):
        return can_manage_users(request)

    def has_change_permission(self, request, obj=None):
        return can_manage_users(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            if "scopes" in form.changed_data:
                token_set_scopes(actor=request.user, token=obj, scopes=form.cleaned_data["scopes"])
            if not obj.active and obj.revoked_at is None:
                token_revoke(actor=request.user, token=obj)
            obj.save()
            return
        token, raw = token_issue(
            actor=request.user,
            name=obj.name,
            unit=obj.owner,
            scopes=form.cleaned_data["scopes"],
            expires_at=obj.expires_at,
            rate_limit=obj.rate_limit,
        )
        obj.pk = token.pk
        obj.__dict__.update({k: v for k, v in token.__dict__.items() if not k.startswith("_")})
        messages.warning(
            request,
            f"接口令牌已创建，请立即复制并交给调用系统（此后不再显示）：{raw}",
        )

    @admin.action(description="吊销所选令牌")
    def revoke(self, request, queryset):
        for token in queryset:
            token_revoke(actor=request.user, token=token)
        messages.success(request, f"已吊销 {queryset.count()} 个令牌。")
