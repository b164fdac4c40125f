"""Fixtures of the enforcement tests: the justice bureau's supervisor, certified officers."""

from datetime import date

import pytest

from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory
from fazhi.enforcement import services
from fazhi.enforcement.tests.factories import make_certificate, make_officer


@pytest.fixture
def supervisor(justice_bureau, office_staff):
    user = UserFactory(username="zfjd", unit=justice_bureau, roles=[Role.CLERK])
    services.supervisor_designate(actor=office_staff, user=user, on=date(2024, 1, 2))
    return user


@pytest.fixture
def certified(unit_a):
    """Three certified officers of department A (certificates 2022-11-01 … 2027-10-31)."""
    officers = [make_officer(unit_a, name=name) for name in ("李明", "王强", "赵磊")]
    for officer in officers:
        make_certificate(officer)
    return officers
