from django import template

from fazhi.cockpit.models import RevisionState
from fazhi.core.models import Role
from fazhi.indicators.models import ReturnState

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`counts|get_item:key`: a Counter's count (0 when absent)."""
    return mapping.get(key, 0) if hasattr(mapping, "get") else 0


@register.simple_tag
def revision_requests(unit_return, user):
    """A return's 申请修订 (latest first) and whether `user` may apply now: the unit's head, on
    an accepted (locked) return with no request pending (fazhi.cockpit.services)."""
    requests = list(unit_return.revision_requests.select_related("requested_by")[:5])
    pending = any(r.state == RevisionState.PENDING for r in requests)
    may_apply = (
        unit_return.state == ReturnState.ACCEPTED
        and user.unit_id == unit_return.unit_id
        and user.has_role(Role.UNIT_HEAD)
        and not pending
    )
    return {"requests": requests, "may_apply": may_apply}
