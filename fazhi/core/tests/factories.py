from fazhi.core.testing.factories import UserFactory
from fazhi.core.testing.isolation import isolation_factory


@isolation_factory("core.User")
def user_for_unit(unit):
    return UserFactory(unit=unit)
