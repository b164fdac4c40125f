"""Configuration of the enforcement register. Hunan-specific or unverified values (docs/rules.md
E4, E6, C2; A7) live here, overridable with the `FAZHI_ENFORCEMENT` setting. Periods (validity,
the renewal window, the 90-day and 7-working-day limits) are period rules in `deadlines.py`,
adjustable at runtime by the office (RuleOverride)."""

from decimal import Decimal

from django.conf import settings

DEFAULTS = {
    # Problem 四: the least number of certified officers (执法人员 holding a valid certificate)
    # a unit should have, by unit kind, and by enforcement domain where a domain needs more (U).
    "officer_norm_by_kind": {"department": 4, "town": 4, "subdistrict": 4},
    "officer_norm_by_domain": {},
    # Unit kinds that enforce besides the units flagged 行政执法主体 (乡镇街道综合行政执法).
    "enforcement_unit_kinds": ["town", "subdistrict"],
    # Problem 四: a unit's pass rate below this (in %), with at least `pass_rate_min_sat`
    # candidates who sat, is a finding (U).
    "min_pass_rate": Decimal("60"),
    "pass_rate_min_sat": 3,
    # C1: files drawn per unit when a campaign does not say otherwise (U).
    "review_sample_size": 3,
    # Working hours credited per session when the organiser does not say (E6, U).
    "default_session_hours": Decimal("3"),
}


def setting(key: str):
    return getattr(settings, "FAZHI_ENFORCEMENT", {}).get(key, DEFAULTS[key])


def officer_norm(unit, domains: str = "") -> int:
    """The norm for `unit` (its kind), raised by the norm of any of its enforcement domains."""
    norm = int(setting("officer_norm_by_kind").get(unit.kind, 0))
    by_domain = setting("officer_norm_by_domain")
    for domain in filter(None, (d.strip() for d in domains.split("、"))):
        norm = max(norm, int(by_domain.get(domain, 0)))
    return norm


# C2 (U): the default score sheet, following the five dimensions of the Hunan standards (C1).
# Items with an automatic check are pre-filled from the ledger facts (C3); `veto` items make
# the file fail whatever its score. Get the official standard from 市/区司法局 and edit the
# template on the platform (案卷评查标准) — this is only the first version it starts from.
DEFAULT_TEMPLATE = {
    "name": "湖南省行政执法案卷评查标准（平台默认版）",
    "full_score": 100,
    "excellent_from": 90,
    "good_from": 80,
    "pass_from": 60,
    "items": [
        ("subject", "执法主体合法，承办人员具有执法资格且不少于两人", 10, True, "officers"),
        ("subject", "超越职权或者委托不合法", 5, False, ""),
        ("facts", "违法事实（申请事实）认定清楚", 15, False, ""),
        ("evidence", "证据确实充分，取证程序合法", 20, False, ""),
        ("law", "适用法律、法规、规章正确，裁量适当", 15, False, ""),
        ("procedure", "作出决定前依法告知并听取陈述申辩（听证）", 10, True, "notice"),
        ("procedure", "法定期限内作出处罚决定", 5, False, "decision_period"),
        ("procedure", "依法进行法制审核", 8, True, "legal_review"),
        ("procedure", "依法集体讨论决定", 4, False, "discussion"),
        ("procedure", "依法送达决定书", 4, False, "service"),
        ("procedure", "文书规范、案卷装订完整", 4, False, ""),
    ],
}
