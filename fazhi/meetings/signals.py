"""Signals of the one notion of collective discussion (D12), so that meetings imports no register.

- `discussion_requested(subject, meeting, actor)`: sent before an agenda item about `subject` is
  stored; a receiver refuses by raising `ValidationError` naming the rule (e.g. D11 materials).
- `discussion_recorded(subject, item, actor)`: sent after it is stored, inside the same
  transaction; the subject's register moves its own state.
"""

from django.dispatch import Signal

discussion_requested = Signal()
discussion_recorded = Signal()
