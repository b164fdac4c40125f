"""Configuration of the major-decision register (overridable with `FAZHI_DECISIONS` in settings)."""

from django.conf import settings

from fazhi.core.models import UnitKind

DEFAULTS = {
    # Which units are expected to publish a yearly decision catalog (D2-D3; seed 二(三)).
    "catalog_required_kinds": [UnitKind.GOVERNMENT, UnitKind.DEPARTMENT],
    # D7 / A8: also apply the Hunan county rule (≥ 20 working days) and enforce the later date.
    "apply_local_public_comment_rule": True,
    # D10-D11 (决策条例第二十六条第一款、第二十七条第二项): the steps that form the draft (第二章:
    # public participation, hearing, expert argument, risk assessment) are done before it is
    # sent to legality review, which checks that they were. Those of them that apply to the
    # decision must be recorded, and a public-comment period must have ended. Reading chosen:
    # all four (the order of 第二章 before 第三章); an office may list fewer.
    "steps_before_legality_review": [
        "public_participation",
        "hearing",
        "expert_review",
        "risk_assessment",
    ],
    # D12 (决策条例第三十条第一款): the meetings at which the deciding body discusses the draft,
    # by the kind of deciding unit. A government: its 常务会议 or 全体会议. Another deciding unit
    # (a department or township applying the regulation, 第四十二条): its collective meeting.
    "discussion_meeting_kinds": {
        UnitKind.GOVERNMENT: ["executive", "plenary"],
    },
    "default_discussion_meeting_kinds": ["executive", "plenary", "department"],
}


def setting(key: str):
    return getattr(settings, "FAZHI_DECISIONS", {}).get(key, DEFAULTS[key])


def steps_before_legality_review() -> list[str]:
    return list(setting("steps_before_legality_review"))


def discussion_meeting_kinds(unit_kind: str) -> list[str]:
    return list(
        setting("discussion_meeting_kinds").get(
            unit_kind, setting("default_discussion_meeting_kinds")
        )
    )


def public_comment_rules() -> list[str]:
    rules = ["decisions.public_comment"]
    if setting("apply_local_public_comment_rule"):
        rules.append("decisions.public_comment_local")
    return rules
