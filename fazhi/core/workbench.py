"""The 工作台 registry: engines and registers contribute to-dos and warnings for a user.

A provider is a callable `(user) -> Iterable[WorkItem]`, registered with `@workbench_provider` in
the register's own `workbench.py` (imported for every app on first use, fazhi.core.plugins).
The 工作台 page and its tests read only through `items_for(user)`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

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
    def register(func: Provider) -> Provider:
        _providers[name] = func
        return func

    return register


def registered_providers() -> dict[str, Provider]:
    ensure_discovered("workbench")
    return dict(_providers)


def items_for(user) -> tuple[list[WorkItem], list[WorkItem]]:
    """The user's to-dos and warnings, most urgent first."""
    order = {"overdue": 0, "due_today": 1, "due_soon": 2, "warning": 3, "info": 4}
    items = [item for provider in registered_providers().values() for item in provider(user)]
    items.sort(key=lambda i: (order.get(i.level, 9), i.due_date or date.max, i.title))
    todos = [i for i in items if i.kind == "todo"]
    warnings = [i for i in items if i.kind != "todo"]
    return todos, warnings


def dashboard_callback(request, context: dict) -> dict:
    """unfold DASHBOARD_CALLBACK: the admin index is the 工作台."""
    todos, warnings = items_for(request.user)
    context.update(
        {
            "title": "工作台",
            "workbench_unit": getattr(request.user, "unit", None),
            "workbench_roles": [
                label
                for value, label in _role_choices()
                if value in getattr(request.user, "roles", [])
            ],
            "todos": todos,
            "warnings": warnings,
        }
    )
    return context


def _role_choices():
    from fazhi.core.models import Role

    return Role.choices
