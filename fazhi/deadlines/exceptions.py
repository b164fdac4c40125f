from django.core.exceptions import ValidationError


class DeadlineRuleError(ValidationError):
    """A period rule forbids the request (unknown rule, extension over the statutory maximum…)."""
