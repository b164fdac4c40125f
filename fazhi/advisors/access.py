"""Who sees which matters of the decision-making chain, on top of `fazhi.core.access`.

A legal advisor's account (role `legal_advisor` and no other business role) sees only the
matters assigned to it (issue 6 item 5), whatever unit the account belongs to. Every other
account sees what `core.access` allows. The chain's querysets inherit `ChainQuerySet` and say
which of their rows are an advisor's by overriding `assigned_to_advisor`.
"""

from __future__ import annotations

from fazhi.core.access import UnitScopedQuerySet
from fazhi.core.models import Role, UnitKind

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


# Who works on the decision-making chain: a unit's clerks and heads, and the office that
# supervises them. A reconsideration officer's work is 复议应诉; an advisor's account sees only the
# matters assigned to it.
CHAIN_ROLES = (Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)
# Units that hold 政府常务会议 (a people's government, a town's government).
MEETING_UNIT_KINDS = (UnitKind.GOVERNMENT, UnitKind.TOWN)


def _user(request_or_user):
    return getattr(request_or_user, "user", request_or_user)


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_open_chain(request) -> bool:
    """Sidebar: the chain's registers, for a unit's clerks and heads and the office."""
    user = _user(request)
    return _active(user) and (user.is_superuser or user.has_role(*CHAIN_ROLES))


def can_open_assigned(request) -> bool:
    """Sidebar: the reviews and opinions (an advisor sees those assigned to them)."""
    user = _user(request)
    return can_open_chain(user) or (_active(user) and user.has_role(Role.LEGAL_ADVISOR))


def can_open_meetings(request) -> bool:
    """Sidebar: 政府常务会议, for the office and for the staff of a government that holds them
    (a department's clerk does not see them)."""
    user = _user(request)
    if not can_open_chain(user):
        return False
    if user.is_superuser or user.has_role(Role.OFFICE_STAFF):
        return True
    return user.unit is not None and user.unit.kind in MEETING_UNIT_KINDS


def can_open_supervision(request) -> bool:
    """Sidebar: the division-wide pages of the chain (advisor coverage), for the office."""
    user = _user(request)
    return _active(user) and (user.is_superuser or user.has_role(Role.OFFICE_STAFF))


def can_open_incidental_review(request) -> bool:
    """Sidebar: 附带审查 arises in reconsideration (《行政复议法》第十三条、第五十六条): the
    reconsideration officer and the office."""
    user = _user(request)
    return _active(user) and (
        user.is_superuser or user.has_role(Role.OFFICE_STAFF, Role.RECONSIDERATION_OFFICER)
    )
