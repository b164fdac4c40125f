"""Configuration of the major-decision register (overridable with `FAZHI_DECISIONS` in settings)."""

from django.conf import settings

from fazhi.core.models import UnitKind

DEFAULTS = {
    # Which units are expected to publish a yearly decision catalog (D2-D3; seed 二(三)).
    "catalog_required_kinds": [UnitKind.GOVERNMENT, UnitKind.DEPARTMENT],
    # D7 / A8: also apply the Hunan county rule (≥ 20 working days) and enforce the later date.
    "apply_local_public_comment_rule": True,
}


def setting(key: str):
    return getattr(settings, "FAZHI_DECISIONS", {}).get(key, DEFAULTS[key])


def public_comment_rules() -> list[str]:
    rules = ["decisions.public_comment"]
    if setting("apply_local_public_comment_rule"):
        rules.append("decisions.public_comment_local")
    return rules
