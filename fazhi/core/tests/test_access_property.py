"""Property (security.md B1): for random trees, units and roles, the visible units are exactly
what the policy says: own unit; office staff their division subtree; admin roles nothing."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.core.access import visible_unit_ids
from fazhi.core.models import ADMIN_ROLES, Division, DivisionLevel, Role, Unit
from fazhi.core.testing.factories import UserFactory

ROLES = st.lists(st.sampled_from(Role.values), min_size=1, max_size=2, unique=True).filter(
    lambda roles: not (set(roles) & set(ADMIN_ROLES)) or len(roles) == 1
)


def expected_visible(user, units) -> set[int]:
    if set(user.roles) & set(ADMIN_ROLES):
        return set()
    if Role.OFFICE_STAFF in user.roles:
        return {u.pk for u in units if u.division.path.startswith(user.unit.division.path)}
    return {user.unit_id}


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parents=st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=6), data=st.data()
)
def test_visible_units_match_the_policy(parents, data):
    with transaction.atomic():
        divisions = [Division.objects.create(code="99", name="测试市", level=DivisionLevel.CITY)]
        for index, parent_index in enumerate(parents):
            parent = divisions[min(parent_index, len(divisions) - 1)]
            divisions.append(
                Division.objects.create(
                    code=f"99{index:02d}",
                    name=f"区划{index}",
                    level=DivisionLevel.DISTRICT,
                    parent=parent,
                )
            )
        units = [
            Unit.objects.create(name=f"单位{i}", kind="department", division=d)
            for i, d in enumerate(divisions)
        ]
        for _ in range(3):
            user = UserFactory(unit=data.draw(st.sampled_from(units)), roles=data.draw(ROLES))
            visible = {row["pk"] for row in visible_unit_ids(user)}
            assert visible == expected_visible(user, units)
        transaction.set_rollback(True)
