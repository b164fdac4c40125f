"""`load_demo`: the demo district, step by step. Each register adds its step to DEMO_STEPS."""

from fazhi.core.models import Unit
from fazhi.demo.decisions import load_decision_chain
from fazhi.demo.indicators import load_returned_figures
from fazhi.demo.reconsideration import load_reconsideration
from fazhi.demo.reports import load_reports
from fazhi.demo.structure import load_structure
from fazhi.demo.users import load_users


def _structure_and_users(context: dict) -> str:
    context["units"] = load_structure()
    context["users"] = load_users(context["units"])
    return f"单位 {Unit.objects.count()} 个，演示账号 {len(context['users'])} 个"


DEMO_STEPS = [_structure_and_users, load_returned_figures, load_decision_chain]
DEMO_STEPS.append(load_reconsideration)
# The annual report reads every register's demo data (figures, findings): keep it last.
DEMO_STEPS.append(load_reports)


def load_demo() -> list[str]:
    context: dict = {}
    return [step(context) for step in DEMO_STEPS]
