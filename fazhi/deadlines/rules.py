"""Named period rules: each register declares its statutory periods as data (T1-T9, A1).

A register calls `register_rules([...])` from its `<app>/deadlines.py`, which the deadlines app
imports at start-up. The office may override the length, unit and extension limits of any rule
at runtime through the `RuleOverride` model; rules marked `U` (unverified) are expected to be.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from fazhi.deadlines.exceptions import DeadlineRuleError
from fazhi.deadlines.fixed import remembered


class PeriodUnit(models.TextChoices):
    CALENDAR_DAYS = "calendar_days", "日"
    WORKING_DAYS = "working_days", "个工作日"
    MONTHS = "months", "个月"
    YEARS = "years", "年"


class PeriodKind(models.TextChoices):
    """Two kinds of period (民法典 第二百零一条至第二百零三条).

    - DEADLINE: a period within which an act must be done (答辩、决定、报备期限). Its last day
      falling on a rest day moves to the next working day (T3, 民法典 第二百零三条第一款).
    - MINIMUM_INTERVAL: a time that must pass before an act may be done (公布后30日施行、
      征求意见不少于30日、听证会7日前送达). It is a floor, not a time limit for anyone's act, so
      the roll-forward of 第二百零三条 does not apply: the earliest date is not moved.
    """

    DEADLINE = "deadline", "办理期限"
    MINIMUM_INTERVAL = "minimum_interval", "最短间隔"


STATUSES = {"V": "已核实", "V2": "二手来源", "U": "未核实"}


@dataclass(frozen=True)
class PeriodRule:
    """A statutory period: `length` units counted from the day after the trigger (T1)."""

    code: str
    name: str
    length: int
    unit: str
    citation: str
    status: str = "V"
    max_extension_days: int = 0
    max_extensions: int = 0
    trigger_label: str = ""
    note: str = ""
    kind: str = PeriodKind.DEADLINE

    def __post_init__(self):
        if not self.code or "." not in self.code:
            raise ImproperlyConfigured(f"期限规则代码须为“应用.规则”形式：{self.code!r}")
        if self.unit not in PeriodUnit.values:
            raise ImproperlyConfigured(f"期限规则 {self.code} 的单位无效：{self.unit!r}")
        if self.length <= 0:
            raise ImproperlyConfigured(f"期限规则 {self.code} 的期限长度须大于 0。")
        if self.status not in STATUSES:
            raise ImproperlyConfigured(f"期限规则 {self.code} 的核实状态须为 V、V2 或 U。")
        if self.max_extension_days < 0 or self.max_extensions < 0:
            raise ImproperlyConfigured(f"期限规则 {self.code} 的延期上限不能为负数。")
        if self.kind not in PeriodKind.values:
            raise ImproperlyConfigured(f"期限规则 {self.code} 的期间种类无效：{self.kind!r}")
        if self.kind == PeriodKind.MINIMUM_INTERVAL and (
            self.max_extension_days or self.max_extensions
        ):
            raise ImproperlyConfigured(f"期限规则 {self.code} 是最短间隔，不能延长。")

    @property
    def is_minimum_interval(self) -> bool:
        return self.kind == PeriodKind.MINIMUM_INTERVAL

    @property
    def period_text(self) -> str:
        return period_text(self.length, self.unit)

    @property
    def extension_unit(self) -> str:
        """Extensions run in working days for working-day rules, otherwise in calendar days."""
        if self.unit == PeriodUnit.WORKING_DAYS:
            return PeriodUnit.WORKING_DAYS
        return PeriodUnit.CALENDAR_DAYS


def period_text(length: int, unit: str) -> str:
    return f"{length}{PeriodUnit(unit).label}"


_registry: dict[str, PeriodRule] = {}


def register_rules(rules: Iterable[PeriodRule]) -> list[PeriodRule]:
    """Declare rules. Registering the same code twice with a different definition is an error."""
    rules = list(rules)
    for rule in rules:
        if not isinstance(rule, PeriodRule):
            raise ImproperlyConfigured(f"register_rules 只接受 PeriodRule：{rule!r}")
        existing = _registry.get(rule.code)
        if existing is not None and existing != rule:
            raise ImproperlyConfigured(f"期限规则 {rule.code} 被重复登记且定义不同。")
        _registry[rule.code] = rule
    return rules


def registered_rules() -> dict[str, PeriodRule]:
    return dict(sorted(_registry.items()))


def declared_rule(code: str) -> PeriodRule:
    """The rule as declared in code, without overrides."""
    try:
        return _registry[code]
    except KeyError:
        raise DeadlineRuleError(f"未登记的期限规则：{code}。") from None


def effective_rule(code: str) -> PeriodRule:
    """The declared rule with the office's active `RuleOverride` applied, if any (the model is
    looked up in the app registry: the models import this module's declarations)."""
    rule = declared_rule(code)
    override = remembered(("overrides",), _active_overrides).get(code)
    if override is None:
        return rule
    return apply_override(rule, override)


def _active_overrides() -> dict:
    """Every active override by rule code (one per code), in one query."""
    RuleOverride = apps.get_model("deadlines", "RuleOverride")  # noqa: N806 - a model class
    return {o.rule_code: o for o in RuleOverride.objects.filter(active=True)}


def apply_override(rule: PeriodRule, override) -> PeriodRule:
    changes = {"length": override.length, "unit": override.unit}
    if override.max_extension_days is not None:
        changes["max_extension_days"] = override.max_extension_days
    if override.max_extensions is not None:
        changes["max_extensions"] = override.max_extensions
    return dataclasses.replace(rule, **changes)
