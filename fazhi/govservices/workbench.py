"""The register's contribution to the 工作台: 一件事 packages not accepting applications."""

from django.urls import reverse

from fazhi.core.models import Role
from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.govservices.selectors import inactive_packages


@workbench_provider("govservices")
def govservices_items(user):
    if user is None or not user.is_authenticated:
        return []
    if not (user.is_superuser or user.has_role(Role.UNIT_HEAD, Role.OFFICE_STAFF)):
        return []
    packages = yield inactive_packages(user=user).select_related("unit")[:20]
    return [
        WorkItem(
            title=f"“一件事”{package.name}未正常受理：{package.inactive_reason}",
            level="info",
            kind="warning",
            unit_name=package.unit.name,
            url=reverse("admin:govservices_onethingpackage_change", args=[package.pk]),
            source="govservices",
        )
        for package in packages
    ]
