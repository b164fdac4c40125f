"""Demo step: the demo district's 2024 returned figures, entered through the real return path.

The office opens a 2024 return for every returned indicator; each reporting unit's clerk fills
it with the seed report's figure, the unit head submits it and the office accepts it, all
through `fazhi.indicators.services`. Where the seed prints an approximate figure ("3万余") the
exact value below is ILLUSTRATIVE, chosen so that the display rule reproduces the seed's text;
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from fazhi.core.models import Division, Role, Unit, User
from fazhi.demo.structure import DISTRICT
from fazhi.demo.users import DEMO_PASSWORD
from fazhi.indicators import services
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.models import Indicator, ReturnRequest, ReturnState

YEAR = 2024
TITLE = "2024年度法治政府建设统计填报"
OPENED_ON = date(2025, 1, 2)

# code → exact value of the demo district, 2024 (seed-figures.md)
SEED_VALUES: dict[str, Decimal] = {code: Decimal(str(value)) for code, value in {}.items()}

# username prefix, unit name (contains) for the reporting units that have no demo clerk/head yet
REPORTERS = [
    ("sfj", "蒸湘区司法局", "司法局"),
    ("yfzqb", "依法治区委员会办公室", "依法治区办"),
    ("qzf", "蒸湘区人民政府", "区政府"),
    ("zwzx", "政务服务中心", "政务服务中心"),
    ("rsj", "人力资源和社会保障局", "区人社局"),
]


def _person(unit: Unit, role: str, username: str, label: str) -> User:
    existing = User.objects.filter(unit=unit, roles__contains=[role], is_active=True).first()
    if existing is not None:
        return existing
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": f"{label}{Role(role).label}",
            "title": Role(role).label,
            "unit": unit,
            "roles": [role],
            "is_staff": True,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.password_changed_at = timezone.now()
        user.save()
    return user


def _people_for(unit: Unit) -> tuple[User, User]:
    prefix, label = f"unit{unit.pk}", unit.short_name or unit.name
    for candidate_prefix, name, candidate_label in REPORTERS:
        if name in unit.name:
            prefix, label = candidate_prefix, candidate_label
            break
    clerk = _person(unit, Role.CLERK, f"{prefix}_clerk", label)
    head = _person(unit, Role.UNIT_HEAD, f"{prefix}_head", label)
    return clerk, head


def load_returned_figures(context: dict | None = None) -> str:
    """Open, fill, submit and accept the demo district's 2024 return. Skips if already done."""
    catalog_sync()
    district = Division.objects.get(code=DISTRICT[0])
    office = User.objects.filter(
        roles__contains=[Role.OFFICE_STAFF], unit__division=district, is_active=True
    ).first()
    if office is None:
        return "统计填报：演示区没有依法治区办账号，跳过"
    if ReturnRequest.objects.filter(unit__division=district, year=YEAR, title=TITLE).exists():
        return "统计填报：2024 年度填报已存在"
    indicators = list(Indicator.objects.filter(source="returned", active=True, defined_in__gt=""))
    if not indicators:
        return "统计填报：本演示区 2024 年度的数字均由各登记簿的记录计算，无需填报"
    request = services.return_request_open(
        actor=office, title=TITLE, year=YEAR, indicators=indicators, today=OPENED_ON
    )
    accepted = 0
    for unit_return in request.returns.select_related("unit"):
        clerk, head = _people_for(unit_return.unit)
        codes = unit_return.indicators.values_list("code", flat=True)
        services.return_fill(
            actor=clerk,
            unit_return=unit_return,
            values={code: SEED_VALUES[code] for code in codes if code in SEED_VALUES},
        )
        services.return_submit(actor=head, unit_return=unit_return)
        services.return_accept(actor=office, unit_return=unit_return)
        accepted += 1
    missing = request.returns.exclude(state=ReturnState.ACCEPTED).count()
    return f"统计填报：{YEAR} 年度 {len(indicators)} 项填报指标，{accepted} 个单位已报送并接收" + (
        f"，{missing} 份未完成" if missing else ""
    )
