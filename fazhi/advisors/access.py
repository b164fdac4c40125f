"""Who sees which matters of the decision-making chain, on top of `fazhi.core.access`.

A legal advisor's account (role `legal_advisor` and no other business role) sees only the
matters assigned to it (issue 6 item 5), whatever unit the account belongs to. Every other
account sees what `core.access` allows. The chain's querysets inherit `ChainQuerySet` and say
which of their rows are an advisor's by overriding `assigned_to_advisor`.
"""

from __future__ import annotations

from fazhi.core.access import UnitScopedQuerySet
from fazhi.core.models import Role

OTHER_BUSINESS_ROLES = (
    Role.CLERK,
    Role.UNIT_HEAD,
    Role.OFFICE_STAFF,
    Role.RECONSIDERATION_OFFICER,
)


def is_advisor_only(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and not user.is_superuser
        and user.has_role(Role.LEGAL_ADVISOR)
        and not user.has_role(*OTHER_BUSINESS_ROLES)
    )


class ChainQuerySet(UnitScopedQuerySet):
    def for_user(self, user):
        if is_advisor_only(user):
            return self.assigned_to_advisor(user)
        return super().for_user(user)

    def assigned_to_advisor(self, user):
        """Rows assigned to the advisor behind `user`; by default none."""
        return self.none()


def can_open_chain(request) -> bool:
    """Sidebar: the chain's registers, for business roles other than an advisor's account."""
    from fazhi.core.admin import can_work_on_records

    return can_work_on_records(request) and not is_advisor_only(request.user)


def can_open_assigned(request) -> bool:
    """Sidebar: the reviews and opinions (an advisor sees those assigned to them)."""
    from fazhi.core.admin import can_work_on_records

    return can_work_on_records(request)
