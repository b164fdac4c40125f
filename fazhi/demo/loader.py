"""`load_demo`: the demo district, step by step.

Steps are registered with `fazhi.core.plugins.demo_step` in each register's own `demo.py` (and
here, for the district's structure, the returned figures, the decision chain and the annual
report); they run by `order`, then in `INSTALLED_APPS` order.
"""

from fazhi.core.models import Unit
from fazhi.core.plugins import (
    ORDER_REGISTER,
    ORDER_REPORT,
    ORDER_RETURNS,
    ORDER_STRUCTURE,
    demo_step,
    demo_steps,
)
from fazhi.demo.decisions import load_decision_chain
from fazhi.demo.indicators import load_returned_figures
from fazhi.demo.reports import load_reports
from fazhi.demo.structure import load_structure
from fazhi.demo.users import load_users


@demo_step(order=ORDER_STRUCTURE)
def _structure_and_users(context: dict) -> str:
    context["units"] = load_structure()
    context["users"] = load_users(context["units"])
    return f"单位 {Unit.objects.count()} 个，演示账号 {len(context['users'])} 个"


demo_step(order=ORDER_RETURNS)(load_returned_figures)
demo_step(order=ORDER_REGISTER)(load_decision_chain)
# The annual report reads every register's demo data (figures, findings): keep it last.
demo_step(order=ORDER_REPORT)(load_reports)


def load_demo() -> list[str]:
    context: dict = {}
    return [step(context) for step in demo_steps()]
