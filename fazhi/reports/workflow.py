"""Who may draft, edit, decide and export the annual report (督察工作规定 23-25).

The 依法治区办 drafts and exports the government's report and collects the departments' reports
in its division; a department's own staff may draft or upload that department's report.
Problems in section 二 and the outline template are the office's call. `user=None` is the
command line (`manage.py annual_report`), which acts with the server's own authority.
"""

from fazhi.core.access import office_covers
from fazhi.core.models import Role, UnitKind


def _own_department(user, unit) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.unit_id == unit.pk
        and unit.kind == UnitKind.DEPARTMENT
        and user.has_role(Role.CLERK, Role.UNIT_HEAD)
    )


def may_draft(user, unit) -> bool:
    """The office for any body in its division; a department's clerk or head for their own."""
    if user is None or user.is_superuser:
        return True
    return office_covers(user, unit) or _own_department(user, unit)


def may_edit(user, report) -> bool:
    return may_draft(user, report.unit)


def may_export(user, report) -> bool:
    return may_draft(user, report.unit)


def may_decide_problems(user, report) -> bool:
    """Section 二 states the government's shortcomings: the office decides (督察工作规定 25)."""
    if user is None or user.is_superuser:
        return True
    return office_covers(user, report.unit) or (
        _own_department(user, report.unit) and user.has_role(Role.UNIT_HEAD)
    )


def may_record_duty(user, duty) -> bool:
    """The office, or the reporting department's head, records a submission or publication."""
    if user is None or user.is_superuser:
        return True
    return office_covers(user, duty.unit) or (
        _own_department(user, duty.unit) and user.has_role(Role.UNIT_HEAD)
    )


def may_edit_templates(user) -> bool:
    if user is None or user.is_superuser:
        return True
    return user.is_authenticated and user.has_role(Role.OFFICE_STAFF)


def may_collect(user) -> bool:
    """Collecting the departments' reports is the office's job (督察工作规定 25)."""
    return may_edit_templates(user)
