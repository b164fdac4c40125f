"""Isolation factories of the cockpit's own records."""

from fazhi.cockpit.models import RevisionRequest
from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory
from fazhi.core.testing.isolation import isolation_factory
from fazhi.indicators.tests.factories import make_unit_return


@isolation_factory("cockpit.RevisionRequest")
def revision_request_for_unit(unit, **fields) -> RevisionRequest:
    head = UserFactory(unit=unit, roles=[Role.UNIT_HEAD])
    values = {"reason": "漏报一件", "requested_by": head}
    values.update(fields)
    return RevisionRequest.objects.create(unit=unit, unit_return=make_unit_return(unit), **values)
