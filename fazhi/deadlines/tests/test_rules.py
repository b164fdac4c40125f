"""Rules are data: declared by the registers, overridable by the office (A7, U rules)."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse

from fazhi.deadlines.models import RuleOverride
from fazhi.deadlines.rules import PeriodRule, PeriodUnit, effective_rule, register_rules
from fazhi.deadlines.services import DeadlineRuleError, clock_start, compute_due
from fazhi.deadlines.tests.factories import MONTHS1, WD5

pytestmark = pytest.mark.django_db


def test_override_changes_length_and_unit_for_new_computations(office_staff):
    assert compute_due(MONTHS1, date(2025, 3, 3)).due_date == date(2025, 4, 3)
    RuleOverride.objects.create(
        rule_code=MONTHS1,
        length=20,
        unit=PeriodUnit.WORKING_DAYS,
        reason="湖南省规定按20个工作日计算（测试）",
        updated_by=office_staff,
    )
    rule = effective_rule(MONTHS1)
    assert (rule.length, rule.unit, rule.citation) == (20, "working_days", "《民法典》第二百零二条")
    # 3/4 … 3/31 is 20 working days (3/4-3/7: 4, then four full weeks: 20 → 3/31).
    result = compute_due(MONTHS1, date(2025, 3, 3))
    assert result.due_date == date(2025, 3, 31)
    assert result.explanation == (
        "2025-03-03 起算，催告履行期限20个工作日（《民法典》第二百零二条），截止 2025-03-31（周一）"
    )


def test_inactive_override_is_ignored():
    RuleOverride.objects.create(
        rule_code=MONTHS1, length=2, unit=PeriodUnit.MONTHS, reason="停用", active=False
    )
    assert effective_rule(MONTHS1).length == 1


def test_override_of_unknown_rule_refused():
    override = RuleOverride(rule_code="nowhere.rule", length=5, unit="working_days", reason="x")
    with pytest.raises(ValidationError, match="未登记的期限规则"):
        override.full_clean()


def test_unknown_rule_refused_by_services(unit_a):
    with pytest.raises(DeadlineRuleError, match="未登记的期限规则：nowhere.rule"):
        compute_due("nowhere.rule", date(2025, 3, 3))
    with pytest.raises(DeadlineRuleError):
        clock_start(
            rule_code="nowhere.rule", trigger_date=date(2025, 3, 3), subject=unit_a, unit=unit_a
        )


def test_conflicting_declaration_refused():
    with pytest.raises(ImproperlyConfigured, match="重复登记"):
        register_rules(
            [PeriodRule(WD5, "受理审查期限", 7, PeriodUnit.WORKING_DAYS, "《行政复议法》第三十条")]
        )
    with pytest.raises(ImproperlyConfigured, match="单位无效"):
        PeriodRule("x.bad", "坏规则", 5, "weeks", "无")


def test_office_edits_overrides_in_the_admin(verified_client, office_staff, client, clerk_a):
    staff = verified_client(office_staff)
    add = reverse("admin:deadlines_ruleoverride_add")
    page = staff.get(add)
    assert page.status_code == 200 and "催告履行期限" in page.content.decode()
    response = staff.post(
        add,
        {
            "rule_code": MONTHS1,
            "length": 2,
            "unit": PeriodUnit.MONTHS,
            "reason": "试行",
            "active": "on",
        },
    )
    assert response.status_code == 302
    override = RuleOverride.objects.get(rule_code=MONTHS1)
    assert override.updated_by == office_staff
    client.force_login(clerk_a)
    assert client.get(add).status_code == 403
