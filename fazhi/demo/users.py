"""One demo account per role. The password is printed by `make run`; change it in any real use."""

from django.utils import timezone

from fazhi.core.models import Role, User
from fazhi.demo.structure import GOVERNMENT, JUSTICE_BUREAU, OFFICE

DEMO_PASSWORD = "Demo@2024-Zxqpt"  # noqa: S105 - demo only, printed on purpose
DEPARTMENT_A = "蒸湘区人力资源和社会保障局"
DEPARTMENT_B = "蒸湘区卫生健康局"

# username, full name, title, unit, roles
DEMO_USERS = [
    ("clerk_a", "张丽", "科员", DEPARTMENT_A, [Role.CLERK]),
    ("head_a", "李强", "局长", DEPARTMENT_A, [Role.UNIT_HEAD]),
    ("clerk_b", "王芳", "科员", DEPARTMENT_B, [Role.CLERK]),
    ("office", "赵敏", "依法治区办副主任", OFFICE, [Role.OFFICE_STAFF]),
    ("recon", "陈刚", "行政复议与应诉股股长", JUSTICE_BUREAU, [Role.RECONSIDERATION_OFFICER]),
    ("advisor", "周律师", "法律顾问", JUSTICE_BUREAU, [Role.LEGAL_ADVISOR]),
    ("sysadmin", "孙伟", "系统管理员", GOVERNMENT, [Role.SYSTEM_ADMIN]),
    ("secadmin", "吴静", "安全管理员", GOVERNMENT, [Role.SECURITY_ADMIN]),
    ("auditadmin", "郑洁", "审计管理员", GOVERNMENT, [Role.AUDIT_ADMIN]),
]


def load_users(units) -> list[User]:
    users = []
    for username, full_name, title, unit_name, roles in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "title": title,
                "unit": units[unit_name],
                "roles": roles,
                "is_staff": True,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.password_changed_at = timezone.now()
            user.save()
        users.append(user)
    return users
