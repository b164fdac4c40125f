"""The 工作台 registry: engines and registers contribute to-dos and warnings for a user.

A provider is a callable `(user) -> Iterable[WorkItem]`, registered with `@workbench_provider` in
the register's own `workbench.py` (imported for every app on first use, fazhi.core.plugins).
The 工作台 page and its tests read only through `items_for(user)`.

A provider may instead be a generator: it yields the querysets it needs (one, or a tuple of
several), receives their objects as lists, and returns its items (or yields them). The querysets that all
providers yield at the same step are read in one statement (`fazhi.core.batch`), so the 工作台
costs a few statements however many registers contribute:

    @workbench_provider("letters")
    def letter_items(user):
        letters = yield letters_due(user=user)[:30]
        return [WorkItem(title=letter.number, level="info") for letter in letters]
"""

import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.urls import NoReverseMatch, reverse

from fazhi.core.access import office_covers
from fazhi.core.batch import run_together
from fazhi.core.models import Role, Unit
from fazhi.core.plugins import ensure_discovered

LEVELS = {
    "overdue": "已逾期",
    "due_today": "今日到期",
    "due_soon": "即将到期",
    "info": "提示",
    "warning": "预警",
}


@dataclass(frozen=True)
class WorkItem:
    title: str
    level: str  # one of LEVELS
    kind: str = "todo"  # "todo" for the person's own work, "warning" for supervision
    unit_name: str = ""
    due_date: date | None = None
    url: str = ""
    explanation: str = ""
    source: str = field(default="", compare=False)

    @property
    def level_label(self) -> str:
        return LEVELS.get(self.level, self.level)


Provider = Callable[[object], Iterable[WorkItem]]
_providers: dict[str, Provider] = {}


def workbench_provider(name: str) -> Callable[[Provider], Provider]:
    """Register a provider. A generator provider called directly (as its tests do) returns its
    items, its querysets read on their own."""

    def register(func: Provider) -> Provider:
        _providers[name] = func
        if not inspect.isgeneratorfunction(func):
            return func

        @functools.wraps(func)
        def alone(user):
            return _collect(user, [func])

        return alone

    return register


def registered_providers() -> dict[str, Provider]:
    ensure_discovered("workbench")
    return dict(_providers)


def items_for(user) -> tuple[list[WorkItem], list[WorkItem]]:
    """The user's to-dos and warnings, most urgent first."""
    order = {"overdue": 0, "due_today": 1, "due_soon": 2, "warning": 3, "info": 4}
    items = _collect(user, registered_providers().values())
    items.sort(key=lambda i: (order.get(i.level, 9), i.due_date or date.max, i.title))
    todos = [i for i in items if i.kind == "todo"]
    warnings = [i for i in items if i.kind != "todo"]
    return todos, warnings


def _collect(user, providers) -> list[WorkItem]:
    """Run the providers; the querysets the generators yield at each step are read together."""
    items: list[WorkItem] = []
    for outcome in run_together([provider(user) for provider in providers]):
        items.extend(outcome.emitted)
        items.extend(outcome.result or [])
    return items


@dataclass
class UnitGroup:
    """The office's 工作台 groups items by unit; the unit opens its cockpit page."""

    unit_name: str
    url: str = ""
    items: list = field(default_factory=list)


def group_by_unit(user, items: list[WorkItem]) -> list[UnitGroup]:
    """Items grouped by unit, in the order of their most urgent item; a unit the office covers
    links to its cockpit page (one query for all units); other units are not links."""
    groups: dict[str, UnitGroup] = {}
    for item in items:
        groups.setdefault(item.unit_name, UnitGroup(item.unit_name)).items.append(item)
    urls = _unit_urls(user, [name for name in groups if name])
    for group in groups.values():
        group.url = urls.get(group.unit_name, "")
    return list(groups.values())


def _unit_urls(user, names: list[str]) -> dict[str, str]:
    if not names or not office_covers(user, user.unit):
        return {}
    try:
        reverse("cockpit:unit", args=[0])
    except NoReverseMatch:
        return {}
    units = Unit.objects.in_subtree(user.unit.division).filter(name__in=names)
    return {unit.name: reverse("cockpit:unit", args=[unit.pk]) for unit in units}


def _cockpit_url(user) -> str:
    if not (user.is_authenticated and user.unit_id and office_covers(user, user.unit)):
        return ""
    try:
        return reverse("cockpit:matrix")
    except NoReverseMatch:
        return ""


def dashboard_callback(request, context: dict) -> dict:
    """unfold DASHBOARD_CALLBACK: the admin index is the 工作台. The office sees its items
    grouped by unit (each unit opening its cockpit page) under a link to the status matrix."""
    user = request.user
    todos, warnings = items_for(user)
    cockpit_url = _cockpit_url(user)
    context.update(
        {
            "title": "工作台",
            "workbench_unit": getattr(user, "unit", None),
            "workbench_roles": [
                label for value, label in _role_choices() if value in getattr(user, "roles", [])
            ],
            "todos": todos,
            "warnings": warnings,
            "cockpit_url": cockpit_url,
            "warning_groups": group_by_unit(user, warnings) if cockpit_url else [],
        }
    )
    return context


def _role_choices():
    return Role.choices
