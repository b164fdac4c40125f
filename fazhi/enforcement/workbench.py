"""The register's contribution to the 工作台: certificates about to expire (E4: sit the exam
within 6 months of expiry) or already expired but not withdrawn, and open rectifications."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.deadlines.services import urgency
from fazhi.enforcement.access import can_open_register
from fazhi.enforcement.models import NoticeState, RectificationNotice
from fazhi.enforcement.selectors import certificates_expiring


class _Request:
    def __init__(self, user):
        self.user = user


def _certificate_item(certificate, today) -> WorkItem:
    expired = certificate.valid_until < today
    verb = "已于" if expired else "将于"
    advice = "到期，应停止执法并注销或换证" if expired else "到期，请安排参加执法资格考试并换证"
    return WorkItem(
        title=f"{certificate.officer.name}的执法证{certificate.number}{verb}"
        f"{certificate.valid_until:%Y-%m-%d}{advice}",
        level="overdue" if expired else "warning",
        kind="warning",
        unit_name=certificate.unit.name,
        due_date=certificate.valid_until,
        url=reverse("admin:enforcement_certificate_change", args=[certificate.pk]),
        explanation="湖南省行政执法证有效期5年，到期前6个月内参加资格考试（可调整）。",
        source="enforcement",
    )


@workbench_provider("enforcement")
def enforcement_items(user):
    if user is None or not user.is_authenticated or not can_open_register(_Request(user)):
        return []
    today = timezone.localdate()
    notices = RectificationNotice.objects.for_user(user).filter(state=NoticeState.ISSUED)
    certificates, notices = yield (
        certificates_expiring(user=user, today=today)[:30],
        notices.select_related("campaign", "unit").order_by("due_on")[:20],
    )
    items = [_certificate_item(c, today) for c in certificates]
    for notice in notices:
        items.append(
            WorkItem(
                title=f"{notice.campaign.title}整改通知：请于{notice.due_on:%Y-%m-%d}前反馈整改情况",
                level=urgency(notice.due_on, today=today),
                kind="todo",
                unit_name=notice.unit.name,
                due_date=notice.due_on,
                url=reverse("admin:enforcement_rectificationnotice_change", args=[notice.pk]),
                source="enforcement",
            )
        )
    return items
