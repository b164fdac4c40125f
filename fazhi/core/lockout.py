"""Audit rows for django-axes lockouts (security.md A4)."""

from axes.signals import user_locked_out
from django.dispatch import receiver

from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind


@receiver(user_locked_out)
def _on_locked_out(sender, request, username, ip_address, **kwargs):
    record_access_event(request, AccessEventKind.LOCKOUT, username=username or "", success=False)
