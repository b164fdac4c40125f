"""The back office: one admin site, role-based permissions, unit-scoped querysets.

`UnitScopedAdmin` is the base for every register's admin: its queryset comes from
`core.access`, another unit's object is a 404, and the unit of a new record is the
user's own unless the user is office staff.
"""

from datetime import date, datetime
from decimal import Decimal

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from unfold.admin import ModelAdmin
from unfold.contrib.filters.admin import TextFilter
from unfold.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm
from unfold.sites import UnfoldAdminSite

from fazhi.core.access import visible_unit_ids
from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEvent, AccessEventKind, Division, Role, Unit, User
from fazhi.core.xlsx import build_workbook

BUSINESS_ROLES = (
    Role.CLERK,
    Role.UNIT_HEAD,
    Role.OFFICE_STAFF,
    Role.RECONSIDERATION_OFFICER,
    Role.LEGAL_ADVISOR,
)


def _user(request_or_user):
    return getattr(request_or_user, "user", request_or_user)


def can_manage_users(request) -> bool:
    user = _user(request)
    return user.is_active and (user.is_superuser or user.has_role(Role.SYSTEM_ADMIN))


def can_read_audit(request) -> bool:
    user = _user(request)
    return user.is_active and (user.is_superuser or user.has_role(Role.AUDIT_ADMIN))


def can_view_structure(request) -> bool:
    user = _user(request)
    return user.is_active and (
        user.is_superuser
        or user.has_role(Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.OFFICE_STAFF)
    )


def can_work_on_records(request) -> bool:
    user = _user(request)
    return user.is_active and (user.is_superuser or user.has_role(*BUSINESS_ROLES))


class FazhiAdminSite(UnfoldAdminSite):
    site_header = site_title = "法治政府建设综合管理平台"
    index_title = "工作台"
    index_template = "core/workbench.html"
    enable_nav_sidebar = True

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff


site = FazhiAdminSite(name="admin")


class NotFoundInsteadOfRedirect:
    """Django admin redirects on a missing object; for isolation a hidden object is a 404 (B1)."""

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404("没有找到该记录。")


@admin.action(description="导出所选记录（Excel）")
def export_xlsx(modeladmin, request, queryset):
    """Export the selected rows the user may see; the export itself is audited (C1)."""
    fields = modeladmin.get_export_fields(request)
    headers = [str(modeladmin.model._meta.get_field(f).verbose_name) for f in fields]
    rows = [[_cell(obj, f) for f in fields] for obj in queryset]
    record_access_event(
        request,
        AccessEventKind.EXPORT,
        detail={"model": modeladmin.model._meta.label, "rows": len(rows)},
    )
    response = HttpResponse(
        build_workbook(headers, rows, title=str(modeladmin.model._meta.verbose_name)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{modeladmin.model._meta.model_name}.xlsx"'
    )
    return response


def _cell(obj, field_name):
    display = getattr(obj, f"get_{field_name}_display", None)
    value = display() if display else getattr(obj, field_name)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if value is None or isinstance(value, (date, int, float, str, Decimal)):
        return value
    return str(value)


class ReadOnlyMixin:
    """An admin (or inline) that only shows records: they change through a register's steps,
    its import or its upload page, never by editing the row."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False


class UnitScopedAdmin(NotFoundInsteadOfRedirect, ModelAdmin):
    """Base admin for every unit-owned register."""

    unit_field = "unit"
    list_per_page = 50
    actions = [export_xlsx]
    export_fields: tuple[str, ...] = ()

    def get_export_fields(self, request) -> list[str]:
        """Concrete fields to export: `export_fields`, else the model's own columns."""
        if self.export_fields:
            return list(self.export_fields)
        return [f.name for f in self.model._meta.concrete_fields if f.name != "id"]

    def get_queryset(self, request):
        return self.model.objects.for_user(request.user)

    def has_module_permission(self, request):
        return can_work_on_records(request)

    def has_view_permission(self, request, obj=None):
        return can_work_on_records(request)

    def has_add_permission(self, request):
        return can_work_on_records(request)

    def has_change_permission(self, request, obj=None):
        return can_work_on_records(request)

    def has_delete_permission(self, request, obj=None):
        return can_work_on_records(request) and request.user.has_role(
            Role.UNIT_HEAD, Role.OFFICE_STAFF
        )

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if not request.user.has_role(Role.OFFICE_STAFF):
            excluded.append(self.unit_field)
        return excluded

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.unit_field:
            units = visible_unit_ids(request.user)
            kwargs["queryset"] = (
                Unit.objects.all() if units is None else Unit.objects.filter(pk__in=units)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change and not getattr(obj, f"{self.unit_field}_id", None):
            setattr(obj, f"{self.unit_field}_id", request.user.unit_id)
        super().save_model(request, obj, form, change)


class StructureAdmin(NotFoundInsteadOfRedirect, ModelAdmin):
    """Divisions and units: readable by the office and admins, edited by the system admin."""

    def has_module_permission(self, request):
        return can_view_structure(request)

    def has_view_permission(self, request, obj=None):
        return can_view_structure(request)

    def has_add_permission(self, request):
        return can_manage_users(request)

    def has_change_permission(self, request, obj=None):
        return can_manage_users(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Division, site=site)
class DivisionAdmin(StructureAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


@admin.register(Unit, site=site)
class UnitAdmin(StructureAdmin):
    list_display = ["name", "kind", "division", "parent", "is_enforcement_body"]
    list_filter = ["kind", "is_enforcement_body"]
    search_fields = ["name", "short_name"]


@admin.register(User, site=site)
class UserAdmin(NotFoundInsteadOfRedirect, DjangoUserAdmin, ModelAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = AdminPasswordChangeForm
    list_display = ["username", "full_name", "unit", "roles", "is_active", "last_login"]
    list_filter = ["is_active"]
    search_fields = ["username", "full_name"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("基本信息", {"fields": ("full_name", "title", "unit", "roles", "email")}),
        ("安全标记授权", {"fields": ("clearances",)}),
        (
            "状态",
            {"fields": ("is_active", "must_change_password", "password_changed_at", "last_login")},
        ),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2", "full_name", "unit", "roles")}),
    )
    readonly_fields = ["password_changed_at", "last_login"]
    actions = ["end_sessions"]

    def get_queryset(self, request):
        return User.objects.for_user(request.user)

    @admin.action(description="终止所选账号的全部会话（强制下线）")
    def end_sessions(self, request, queryset):
        from fazhi.core.accounts import delete_sessions

        for user in queryset:
            ended = delete_sessions(user)
            record_access_event(
                request, AccessEventKind.SESSIONS_ENDED, obj=user, detail={"sessions": ended}
            )
        self.message_user(request, f"已终止 {queryset.count()} 个账号的会话。")

    def has_module_permission(self, request):
        return can_manage_users(request)

    has_view_permission = has_add_permission = has_change_permission = (
        lambda self, request, obj=None: can_manage_users(request)
    )

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.is_staff = True
            obj.must_change_password = True  # an admin-set password is one-time (A2)
        super().save_model(request, obj, form, change)


def model_label_cn(label: str) -> str:
    """ "reconsideration.ReconsiderationCase" → "行政复议案件" (the model's verbose name)."""
    from django.apps import apps

    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


DETAIL_LABELS = {
    "model": "对象类型",
    "rows": "行数",
    "created": "新建",
    "unchanged": "未变化",
    "problems": "问题",
    "reason": "原因",
    "fields": "查看的字段",
    "before": "调整前",
    "after": "调整后",
    "sessions": "终止的会话数",
    "document": "文书",
    "step": "办理事项",
    "file": "文件",
}


def detail_text(detail) -> str:
    """The event's details as Chinese "名称：值" lines, never raw JSON."""
    if not isinstance(detail, dict) or not detail:
        return "—"
    lines = []
    for key, value in detail.items():
        if key == "model" and isinstance(value, str):
            value = model_label_cn(value)
        if isinstance(value, list):
            value = "；".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "是" if value else "否"
        elif isinstance(value, dict):
            value = "，".join(f"{k}：{v}" for k, v in value.items())
        lines.append(f"{DETAIL_LABELS.get(key, key)}：{value}")
    return "\n".join(lines)


class UnitNameFilter(admin.SimpleListFilter):
    title = "单位"
    parameter_name = "unit"

    def lookups(self, request, model_admin):
        names = (
            AccessEvent.objects.exclude(unit_name="")
            .values_list("unit_name", flat=True)
            .distinct()
            .order_by("unit_name")[:300]
        )
        return [(name, name) for name in names]

    def queryset(self, request, queryset):
        return queryset.filter(unit_name=self.value()) if self.value() else queryset


class ObjectTypeFilter(admin.SimpleListFilter):
    title = "对象类型"
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        labels = (
            AccessEvent.objects.exclude(object_type="")
            .values_list("object_type", flat=True)
            .distinct()
            .order_by("object_type")
        )
        return [(label, model_label_cn(label)) for label in labels]

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


class UsernameFilter(TextFilter):
    """Type a username or a person's name (a list of every account would not scale)."""

    title = "用户"
    parameter_name = "user"

    def queryset(self, request, queryset):
        value = (self.value() or "").strip()
        if not value:
            return queryset
        return queryset.filter(Q(username=value) | Q(user__full_name=value))


class ObjectIdFilter(admin.SimpleListFilter):
    """One object's trail: ?object_type=…&object_id=… (links from the list's object column)."""

    title = "对象编号"
    parameter_name = "object_id"

    def lookups(self, request, model_admin):
        value = request.GET.get(self.parameter_name)
        return [(value, value)] if value else []

    def queryset(self, request, queryset):
        return queryset.filter(object_id=self.value()) if self.value() else queryset


@admin.register(AccessEvent, site=site)
class AccessEventAdmin(NotFoundInsteadOfRedirect, ModelAdmin):
    """The audit admin's read-only, filterable view of the access log (C6), in Chinese: object
    names instead of `app.Model` labels, details as lines instead of JSON."""

    list_display = [
        "occurred_at",
        "kind",
        "success",
        "who",
        "unit_name",
        "ip",
        "object_display",
        "detail_display",
    ]
    list_filter = [
        "kind",
        "success",
        UnitNameFilter,
        UsernameFilter,
        ObjectTypeFilter,
        ObjectIdFilter,
        ("occurred_at", admin.DateFieldListFilter),
    ]
    search_fields = ["username", "unit_name", "object_id"]
    list_filter_submit = True  # the user filter is a text box
    date_hierarchy = "occurred_at"
    readonly_fields = ["who", "object_display", "detail_display", "chain_seq", "chain_hash"]
    fields = [
        "occurred_at",
        "kind",
        "success",
        "who",
        "unit_name",
        "ip",
        "user_agent",
        "object_display",
        "detail_display",
        "chain_seq",
        "chain_hash",
    ]

    @admin.display(description="用户", ordering="username")
    def who(self, obj):
        user = obj.user if obj.user_id else None
        if user is not None and user.full_name:
            return f"{user.full_name}（{obj.username}）"
        return obj.username or "—"

    @admin.display(description="对象")
    def object_display(self, obj):
        if not obj.object_type:
            return "—"
        from django.apps import apps
        from django.utils.html import format_html

        kind = model_label_cn(obj.object_type)
        name = obj.object_id
        try:
            model = apps.get_model(obj.object_type)
            found = model._base_manager.filter(pk=obj.object_id).first()
        except (LookupError, ValueError, TypeError):
            found = None
        if found is not None:
            name = str(found)[:60]
        trail = f"?object_type={obj.object_type}&object_id={obj.object_id}"
        return format_html(
            '{}：<a href="{}" title="该对象的全部审计记录">{}</a>', kind, trail, name
        )

    @admin.display(description="详情")
    def detail_display(self, obj):
        from django.utils.html import format_html_join

        lines = detail_text(obj.detail).split("\n")
        return format_html_join("", "<div>{}</div>", ((line,) for line in lines))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_module_permission(self, request):
        return can_read_audit(request)

    def has_view_permission(self, request, obj=None):
        return can_read_audit(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
