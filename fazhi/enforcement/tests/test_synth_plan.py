"""The synthetic city's yearly plan keeps the demo's volumes: 271 passes, 33 removals."""

import random

from fazhi.core.plugins import SynthContext
from fazhi.enforcement.synth import plan_for


class _District:
    code = "990101"


def test_a_district_year_plan_has_the_seed_volumes():
    ctx = SynthContext(city=None, districts=[], years=[2024], rng=random.Random(7))
    departments = [f"部门{n}" for n in range(23)]
    towns = [f"街道{n}" for n in range(5)]
    plan = plan_for(ctx, _District(), 2024, departments, towns)
    units = plan.units.values()
    first = sum(u.first_sitting for u in units)
    failed = sum(u.first_failed for u in units)
    retake_failed = sum(u.retake_failed for u in units)
    second_new = sum(u.second_sitting for u in units)
    assert (first, failed, retake_failed, second_new) == (160, 29, 9, 120)
    assert (first - failed) + (failed - retake_failed) + second_new == 271
    assert sum(u.off_roll + u.left + u.expired_removed for u in units) == 33
    assert all(
        u.first_failed <= u.first_sitting and u.retake_failed <= u.first_failed for u in units
    )
    assert all(
        u.off_roll + u.left <= u.staff and u.expired_removed <= u.old_certificates for u in units
    )
    assert plan.review_units == departments
