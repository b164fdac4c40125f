"""Who opens the subjects' register: business roles cleared for the 敏感 label (B4)."""

from fazhi.core.admin import can_work_on_records
from fazhi.core.sensitivity import Sensitivity, is_cleared


def can_open_subjects(request) -> bool:
    user = getattr(request, "user", request)
    return can_work_on_records(request) and is_cleared(user, Sensitivity.SENSITIVE)
