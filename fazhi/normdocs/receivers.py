"""Signal receivers: the review and meetings registers tell this register what happened."""

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver

from fazhi.meetings.signals import discussion_recorded, discussion_requested
from fazhi.normdocs import services
from fazhi.normdocs.models import NormativeDocument
from fazhi.review.signals import review_decided


@receiver(review_decided, dispatch_uid="normdocs.review_decided")
def _review_decided(sender, review, actor=None, **kwargs):
    if review.subject_ct_id == ContentType.objects.get_for_model(NormativeDocument).pk:
        services.on_review_decided(review)


@receiver(discussion_requested, sender=NormativeDocument, dispatch_uid="normdocs.requested")
def _discussion_requested(sender, subject, meeting, actor=None, **kwargs):
    services.on_discussion_requested(subject)


@receiver(discussion_recorded, sender=NormativeDocument, dispatch_uid="normdocs.recorded")
def _discussion_recorded(sender, subject, item, actor=None, **kwargs):
    services.on_discussion_recorded(subject, item)
