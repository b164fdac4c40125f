"""`review_decided(review, actor)`: sent inside the deciding transaction, so that the subject's
register (normdocs, decisions, meetings) moves its own state without review importing it."""

from django.dispatch import Signal

review_decided = Signal()
