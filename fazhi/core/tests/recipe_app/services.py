from django.db import transaction

from fazhi.core.tests.recipe_app.models import Permit
from fazhi.core.tests.recipe_app.workflow import WORKFLOW


@transaction.atomic
def permit_register(*, actor, number: str, received_on) -> Permit:
    permit = Permit(unit=actor.unit, number=number, received_on=received_on)
    permit.full_clean()
    permit.save()
    return permit


def permit_approve(*, actor, permit: Permit, on, expected_version=None) -> Permit:
    """批准 (《行政许可法》第三十八条)."""
    return WORKFLOW.step("approve", permit, actor=actor, expected_version=expected_version, on=on)


def permit_import(*, actor, rows: list[dict]) -> int:
    for row in rows:
        permit_register(actor=actor, number=row["number"], received_on=row["received_on"])
    return len(rows)
