import pytest

from fazhi.core.models import Role
from fazhi.core.testing.factories import UnitFactory, UserFactory


@pytest.fixture
def office_of_government(district):
    return UnitFactory(name="蒸湘区人民政府办公室", division=district)


@pytest.fixture
def clerk(office_of_government):
    return UserFactory(username="gk_clerk", unit=office_of_government, roles=[Role.CLERK])


@pytest.fixture
def head(office_of_government):
    return UserFactory(username="gk_head", full_name="公开办主任", unit=office_of_government,
                       roles=[Role.UNIT_HEAD])  # fmt: skip
