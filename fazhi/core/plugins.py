"""One plug-in: what a register contributes is declared in its own app, never in a shared list.

A register app `fazhi/<app>/` may hold these modules; each is imported for every installed
`fazhi.*` app by the engine that uses it, so adding a register touches no list but
`INSTALLED_APPS`:

| module         | declares                                              | read by                 |
|----------------|-------------------------------------------------------|-------------------------|
| indicators.py  | indicators, compliance checks, relations              | fazhi.indicators        |
| deadlines.py   | period rules                                          | fazhi.deadlines         |
| workbench.py   | 工作台 providers (`@workbench_provider`)              | fazhi.core.workbench    |
| menu.py        | sidebar entries and who sees them (`menu_entry`)      | the sidebar (below)     |
| demo.py        | demo-district steps (`@demo_step(order=…)`)           | `manage.py load_demo`   |
| synth.py       | synthetic-city generators (`@synth_step`)             | `manage.py synth`       |

The demo and synth registries live here, below every register, so that no register imports
`fazhi.demo`.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.apps import apps
from django.urls import include, path


def _import_if_present(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return False
    return True


def discover(module: str) -> list[str]:
    """Import `<app>.<module>` of every installed fazhi app that has one; return their names."""
    return [
        f"{app.name}.{module}"
        for app in apps.get_app_configs()
        if app.name.startswith("fazhi.") and _import_if_present(f"{app.name}.{module}")
    ]


_discovered: set[tuple[str, str]] = set()


def ensure_discovered(module: str) -> None:
    """Import every installed app's `<module>` once (lazily, after all apps are ready); an app
    installed later (a test's throwaway register) is found on the next call."""
    for app in apps.get_app_configs():
        key = (app.name, module)
        if app.name.startswith("fazhi.") and key not in _discovered:
            _import_if_present(f"{app.name}.{module}")
            _discovered.add(key)


# --- pages outside the admin site -----------------------------------------------------------


def app_urlpatterns() -> list:
    """`include()` of every installed fazhi app's `urls.py`, mounted at its `URL_PREFIX`
    (default: `<label>/`), so that a register's pages need no line in config/urls.py."""
    patterns = []
    for app in apps.get_app_configs():
        name = f"{app.name}.urls"
        if app.name.startswith("fazhi.") and _import_if_present(name):
            module = importlib.import_module(name)
            prefix = getattr(module, "URL_PREFIX", f"{app.label}/")
            patterns.append(path(prefix, include(name)))
    return patterns


# --- the sidebar ---------------------------------------------------------------------------

# The groups of the mission, in the order officials meet them; a register names its group.
MENU_GROUPS = (
    "今日待办",
    "学法述法",
    "政务服务与公开",
    "依法决策",
    "复议应诉",
    "行政执法",
    "公共法律服务",
    "普法宣传",
    "统计与报告",
    "系统管理",
)


@dataclass(frozen=True)
class MenuEntry:
    group: str
    title: str
    icon: str
    link: object  # a URL, a lazy reverse, or a callable(request) -> URL
    permission: Callable | str | None = None  # callable(request) -> bool, or its dotted path
    order: int = 100


_menu: dict[tuple[str, str], MenuEntry] = {}


def menu_entry(
    group: str, title: str, icon: str, link, *, permission=None, order: int = 100
) -> MenuEntry:
    """Add a sidebar link; `permission(request)` decides who sees it (role-shaped menus)."""
    if group not in MENU_GROUPS:
        raise ValueError(f"未知的菜单分组“{group}”：应为 {'、'.join(MENU_GROUPS)} 之一。")
    entry = MenuEntry(group, title, icon, link, permission, order)
    _menu[(group, title)] = entry
    return entry


def menu_entries() -> list[MenuEntry]:
    rank = {g: i for i, g in enumerate(MENU_GROUPS)}
    return sorted(_menu.values(), key=lambda e: (rank[e.group], e.order, e.title))


def sidebar_navigation(request=None) -> list[dict]:
    """unfold's SIDEBAR navigation, built from every app's `menu.py`."""
    ensure_discovered("menu")
    groups: dict[str, list[dict]] = {}
    for entry in menu_entries():
        item = {"title": entry.title, "icon": entry.icon, "link": entry.link}
        if entry.permission is not None:
            item["permission"] = entry.permission
        groups.setdefault(entry.group, []).append(item)
    return [
        {"title": title, "separator": True, "collapsible": False, "items": items}
        for title, items in groups.items()
    ]


# --- the demo district ---------------------------------------------------------------------

DemoStep = Callable[[dict], str]


@dataclass(frozen=True)
class DemoStepSpec:
    func: DemoStep
    order: int
    name: str


_demo_steps: dict[str, DemoStepSpec] = {}

# Conventional orders: the district's structure first, registers in the middle, the annual
# report (which reads every register's figures and findings) last.
ORDER_STRUCTURE = 0
ORDER_RETURNS = 10
ORDER_REGISTER = 50
ORDER_REPORT = 90


def demo_step(*, order: int = ORDER_REGISTER) -> Callable[[DemoStep], DemoStep]:
    """Register a step of `manage.py load_demo`: `step(context) -> summary line`.

    The context dict carries `units` (name → Unit) and `users` (the list of demo Users) from the
    structure step; steps of equal order run in `INSTALLED_APPS` order.
    """

    def register(func: DemoStep) -> DemoStep:
        name = f"{func.__module__}.{func.__qualname__}"
        _demo_steps[name] = DemoStepSpec(func, order, name)
        return func

    return register


def demo_account(context: dict, username: str, *, unit, full_name: str, roles=None, **extra):
    """A register's demo account, signing in with the same password as the district's other
    demo accounts: its hash is copied from one of them, so no register writes the password."""
    from fazhi.core.models import Role, User

    template = next(iter(context["users"]))
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "unit": unit,
            "roles": list(roles or [Role.CLERK]),
            "is_staff": True,
            "password": template.password,
            "password_changed_at": template.password_changed_at,
            **extra,
        },
    )
    return user


def demo_steps() -> list[DemoStep]:
    discover("demo")
    app_rank = {
        a.name: i for i, a in enumerate(apps.get_app_configs()) if a.name.startswith("fazhi.")
    }

    def rank(spec: DemoStepSpec):
        app = next((a for a in app_rank if spec.name.startswith(a + ".")), "")
        return (spec.order, app_rank.get(app, 999), spec.name)

    return [spec.func for spec in sorted(_demo_steps.values(), key=rank)]


# --- the synthetic city --------------------------------------------------------------------


@dataclass
class SynthContext:
    """What every generator of `manage.py synth` receives (see fazhi.demo.synth)."""

    city: object
    districts: list
    years: list[int]
    rng: random.Random
    units: dict[int, list] = field(default_factory=dict)  # district id → its units
    office_users: dict[int, object] = field(default_factory=dict)  # district id → office staff

    def units_of(self, district, **filters) -> list:
        units = self.units[district.pk]
        return [u for u in units if all(getattr(u, k) == v for k, v in filters.items())]

    def justice_bureau(self, district):
        """The district's justice bureau (its reconsideration body and legal office)."""
        return next(
            u
            for u in self.units[district.pk]
            if u.is_justice_bureau and u.division_id == district.pk
        )

    def departments(self, district, *, excluding=None) -> list:
        """The district's departments (the respondents and defendants of its disputes)."""
        skip = getattr(excluding, "pk", None)
        return [u for u in self.units[district.pk] if u.kind == "department" and u.pk != skip]

    def spread(self, total: int, parts: int) -> list[int]:
        """Split a yearly total over `parts` units unevenly (some units busier than others)."""
        if parts <= 0:
            return []
        weights = [self.rng.paretovariate(1.5) for _ in range(parts)]
        scale = sum(weights)
        shares = [int(total * w / scale) for w in weights]
        for index in range(total - sum(shares)):
            shares[index % parts] += 1
        return shares

    def dates(self, year: int, count: int) -> list[date]:
        """`count` dates in `year`, weighted towards working months (fewer in Feb and Oct)."""
        month_weights = [8, 5, 9, 9, 9, 9, 8, 8, 9, 6, 9, 11]
        months = self.rng.choices(range(1, 13), weights=month_weights, k=count)
        result = []
        for month in months:
            first = date(year, month, 1)
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            result.append(first + timedelta(days=self.rng.randrange((last - first).days + 1)))
        return sorted(result)

    def vary(self, value: float, spread: float = 0.3) -> float:
        return value * self.rng.uniform(1 - spread, 1 + spread)


SynthStep = Callable[[SynthContext], str]
SYNTH_STEPS: list[SynthStep] = []


def synth_step(func: SynthStep) -> SynthStep:
    """Register a generator of `manage.py synth`; it must be idempotent per district-year."""
    if func not in SYNTH_STEPS:
        SYNTH_STEPS.append(func)
    return func


def synth_steps() -> list[SynthStep]:
    discover("synth")
    return list(SYNTH_STEPS)
