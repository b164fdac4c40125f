import pytest

from fazhi.core.models import Role
from fazhi.core.testing.factories import UnitFactory, UserFactory
from fazhi.indicators import registry
from fazhi.indicators.catalog import catalog_sync


@pytest.fixture
def catalog(db):
    catalog_sync()


@pytest.fixture
def register():
    """Register test indicators for one test; they are removed afterwards."""
    codes: list[str] = []

    def add(func, **kwargs):
        spec = func(**kwargs)
        codes.append(kwargs["code"])
        return spec

    yield add
    registry.unregister(*codes)


@pytest.fixture
def other_office(other_district):
    unit = UnitFactory(name="珠晖区依法治区办", division=other_district, is_rule_of_law_office=True)
    return UserFactory(username="office_zh", unit=unit, roles=[Role.OFFICE_STAFF])
