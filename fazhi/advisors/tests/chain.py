"""Fixtures shared by the tests of the decision-making chain (imported into each app's
tests/conftest.py): a government, the justice bureau's reviewer, a legal advisor with an account."""

import pytest

from fazhi.advisors.tests.factories import make_advisor
from fazhi.core.models import Role, UnitKind
from fazhi.core.testing.factories import UnitFactory, UserFactory


@pytest.fixture
def government(district):
    return UnitFactory(name="衡阳市蒸湘区人民政府", division=district, kind=UnitKind.GOVERNMENT)


@pytest.fixture
def reviewer(justice_bureau):
    """A clerk of the justice bureau: the reviewing body (审查机构)."""
    return UserFactory(username="reviewer", unit=justice_bureau, roles=[Role.CLERK])


@pytest.fixture
def advisor_user(justice_bureau):
    return UserFactory(username="advisor", unit=justice_bureau, roles=[Role.LEGAL_ADVISOR])


@pytest.fixture
def advisor(justice_bureau, advisor_user):
    return make_advisor(justice_bureau, name="周律师", user=advisor_user)


@pytest.fixture(autouse=True)
def _reviewing_body(db, justice_bureau):
    """Every chain test runs in a district whose justice bureau reviews (审查机构)."""
    return justice_bureau
