import pytest

from fazhi.core.models import Role
from fazhi.core.testing.factories import UnitFactory, UserFactory


@pytest.fixture
def centre(district):
    return UnitFactory(name="蒸湘区政务服务中心", division=district)


@pytest.fixture
def centre_clerk(centre):
    return UserFactory(username="centre_clerk", unit=centre, roles=[Role.CLERK])
