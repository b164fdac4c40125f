"""Signal receivers: the review and meetings registers tell this register what happened."""

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver

from fazhi.decisions import services
from fazhi.decisions.models import MajorDecision
from fazhi.meetings.signals import discussion_recorded, discussion_requested
from fazhi.review.signals import review_decided


@receiver(review_decided, dispatch_uid="decisions.review_decided")
def _review_decided(sender, review, actor=None, **kwargs):
    if review.subject_ct_id == ContentType.objects.get_for_model(MajorDecision).pk:
        services.on_review_decided(review)


@receiver(discussion_requested, sender=MajorDecision, dispatch_uid="decisions.requested")
def _discussion_requested(sender, subject, meeting, actor=None, **kwargs):
    services.on_discussion_requested(subject, actor, meeting)


@receiver(discussion_recorded, sender=MajorDecision, dispatch_uid="decisions.recorded")
def _discussion_recorded(sender, subject, item, actor=None, **kwargs):
    services.on_discussion_recorded(subject, item)
