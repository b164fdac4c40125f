from datetime import date

from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory
from fazhi.indicators import services


def accepted_return(
    office, unit, values: dict, *, year=2024, granularity="year", index=0, title="填报"
):
    """Open a return for one unit and take it through fill, submit and accept."""
    request = services.return_request_open(
        actor=office,
        title=title,
        year=year,
        indicators=list(values),
        units=[unit],
        due_date=date(year + 1, 1, 20),
        granularity=granularity,
        period_index=index,
    )
    unit_return = request.returns.get()
    clerk = UserFactory(unit=unit, roles=[Role.CLERK])
    head = UserFactory(unit=unit, roles=[Role.UNIT_HEAD])
    services.return_fill(actor=clerk, unit_return=unit_return, values=values)
    revision = services.return_submit(actor=head, unit_return=unit_return)
    services.return_accept(actor=office, unit_return=unit_return)
    return unit_return, revision
