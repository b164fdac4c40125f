from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fazhi.core.workbench import items_for
from fazhi.indicators import services
from fazhi.indicators.models import ReturnedValue, ReturnState
from fazhi.indicators.selectors import indicator_value

CODES = ["legal_aid.cases", "legal_aid.cases_criminal", "legal_aid.cases_civil"]


@pytest.fixture
def opened(catalog, office_staff, unit_a):
    return services.return_request_open(
        actor=office_staff,
        title="2024年度法律援助统计",
        year=2024,
        indicators=CODES,
        units=[unit_a],
        due_date=date(2025, 1, 20),
    )


@pytest.fixture
def unit_return(opened):
    return opened.returns.get()


def fill_and_submit(unit_return, clerk, head, values):
    services.return_fill(actor=clerk, unit_return=unit_return, values=values)
    services.return_submit(actor=head, unit_return=unit_return)


def test_due_date_comes_from_the_deadline_engine_when_not_given(catalog, office_staff, unit_a):
    request = services.return_request_open(
        actor=office_staff,
        title="季度填报",
        year=2024,
        indicators=["legal_aid.visits"],
        units=[unit_a],
        today=date(2024, 9, 27),
    )
    # 15 working days from Fri 2024-09-27 across the National Day holiday (10/1-10/7, with the
    # 9/29 and 10/12 make-up workdays) — computed by fazhi.deadlines, explained in Chinese.
    assert request.due_date > date(2024, 10, 12)
    assert request.due_explanation
    assert "统计填报报送期限" in request.due_explanation


def test_reporter_rules_pick_the_units_of_the_district(catalog, office_staff, justice_bureau):
    request = services.return_request_open(
        actor=office_staff,
        title="法律援助",
        year=2024,
        indicators=["legal_aid.cases"],
        due_date=date(2025, 1, 20),
    )
    assert [r.unit for r in request.returns.all()] == [justice_bureau]


def test_fill_submit_accept_flows_into_the_indicator(unit_return, clerk_a, head_a, office_staff):
    fill_and_submit(
        unit_return,
        clerk_a,
        head_a,
        {"legal_aid.cases": "430", "legal_aid.cases_criminal": 213, "legal_aid.cases_civil": "135"},
    )
    before = indicator_value("legal_aid.cases", division_or_unit=unit_return.unit, year=2024)
    assert before.value is None  # submitted but not yet accepted: not in force
    services.return_accept(actor=office_staff, unit_return=unit_return)
    value = indicator_value("legal_aid.cases", division_or_unit=unit_return.unit, year=2024)
    assert value.value == 430 and value.display == "430件"
    (revision,) = value.provenance.revisions
    assert (revision.unit_name, revision.revision, revision.value) == (
        unit_return.unit.name,
        1,
        430,
    )
    assert revision.submitted_by == str(head_a) and revision.accepted_by == str(office_staff)
    assert revision.submitted_at is not None and revision.accepted_at is not None


def test_only_the_unit_head_submits_and_only_the_office_accepts(
    unit_return, clerk_a, head_a, clerk_b, office_staff
):
    services.return_fill(actor=clerk_a, unit_return=unit_return, values={c: 1 for c in CODES})
    with pytest.raises(ValidationError, match="负责人"):
        services.return_submit(actor=clerk_a, unit_return=unit_return)
    with pytest.raises(ValidationError, match="本单位"):
        services.return_fill(actor=clerk_b, unit_return=unit_return, values={"legal_aid.cases": 2})
    services.return_submit(actor=head_a, unit_return=unit_return)
    with pytest.raises(ValidationError, match="依法治区办"):
        services.return_accept(actor=head_a, unit_return=unit_return)


def test_office_of_another_district_cannot_decide(unit_return, clerk_a, head_a, other_office):
    fill_and_submit(unit_return, clerk_a, head_a, {c: 1 for c in CODES})
    with pytest.raises(ValidationError):
        services.return_accept(actor=other_office, unit_return=unit_return)


def test_submit_requires_every_required_indicator(unit_return, clerk_a, head_a):
    services.return_fill(actor=clerk_a, unit_return=unit_return, values={"legal_aid.cases": 5})
    with pytest.raises(ValidationError, match="法律援助刑事案件"):
        services.return_submit(actor=head_a, unit_return=unit_return)
    unit_return.refresh_from_db()
    assert unit_return.state == ReturnState.DRAFT


def test_bad_figures_are_rejected_whole(unit_return, clerk_a):
    with pytest.raises(ValidationError) as error:
        services.return_fill(
            actor=clerk_a,
            unit_return=unit_return,
            values={
                "legal_aid.cases": "约430",
                "legal_aid.cases_criminal": -1,
                "legal_aid.cases_civil": "1.5",
            },
        )
    messages = error.value.message_dict
    assert "不是数字" in messages["legal_aid.cases"][0]
    assert "负数" in messages["legal_aid.cases_criminal"][0]
    assert "整数" in messages["legal_aid.cases_civil"][0]
    assert not ReturnedValue.objects.exists()


def test_send_back_needs_a_reason_and_reopens_for_editing(
    unit_return, clerk_a, head_a, office_staff
):
    fill_and_submit(unit_return, clerk_a, head_a, {c: 1 for c in CODES})
    with pytest.raises(ValidationError, match="原因"):
        services.return_send_back(actor=office_staff, unit_return=unit_return, reason=" ")
    services.return_send_back(
        actor=office_staff, unit_return=unit_return, reason="刑事案件数与台账不符"
    )
    unit_return.refresh_from_db()
    assert unit_return.state == ReturnState.RETURNED
    services.return_fill(
        actor=clerk_a, unit_return=unit_return, values={"legal_aid.cases_criminal": 0}
    )
    services.return_submit(actor=head_a, unit_return=unit_return)


def test_accepted_values_are_locked_and_a_correction_is_a_new_revision(
    unit_return, clerk_a, head_a, office_staff
):
    fill_and_submit(
        unit_return,
        clerk_a,
        head_a,
        {"legal_aid.cases": 430, "legal_aid.cases_criminal": 213, "legal_aid.cases_civil": 135},
    )
    services.return_accept(actor=office_staff, unit_return=unit_return)
    with pytest.raises(ValidationError, match="锁定"):
        services.return_fill(
            actor=clerk_a, unit_return=unit_return, values={"legal_aid.cases": 431}
        )
    with pytest.raises(ValidationError, match="原因"):
        services.return_correct(actor=office_staff, unit_return=unit_return, reason="")
    with pytest.raises(ValidationError, match="申请修订"):  # locked: the unit applies instead
        services.return_correct(actor=head_a, unit_return=unit_return, reason="漏报一件")
    correction = services.return_correct(
        actor=office_staff, unit_return=unit_return, reason="漏报一件"
    )
    assert correction.number == 2 and correction.reason == "漏报一件"
    services.return_fill(actor=clerk_a, unit_return=unit_return, values={"legal_aid.cases": 431})
    # the accepted figure stays in force until the correction is accepted
    unit = unit_return.unit
    assert indicator_value("legal_aid.cases", division_or_unit=unit, year=2024).value == 430
    services.return_submit(actor=head_a, unit_return=unit_return)
    services.return_accept(actor=office_staff, unit_return=unit_return)
    value = indicator_value("legal_aid.cases", division_or_unit=unit, year=2024)
    assert value.value == 431
    assert [r.revision for r in value.provenance.revisions] == [2]
    states = dict(unit_return.revisions.values_list("number", "state"))
    assert states == {1: ReturnState.SUPERSEDED, 2: ReturnState.ACCEPTED}
    assert ReturnedValue.objects.filter(revision__number=1, value=430).exists()  # kept


def test_late_and_missing_returns_warn_the_office_and_remind_the_unit(
    unit_return, office_staff, clerk_a
):
    with time_machine.travel(date(2025, 1, 25)):
        todos, warnings = items_for(office_staff)
        (late,) = [w for w in warnings if "逾期未报送" in w.title]
        assert late.unit_name == unit_return.unit.name and late.level == "overdue"
        todos, _ = items_for(clerk_a)
        assert any(t.title.startswith("统计填报") and t.level == "overdue" for t in todos)
    with time_machine.travel(date(2025, 1, 10)):
        _, warnings = items_for(office_staff)
        assert not [w for w in warnings if "逾期未报送" in w.title]


def test_a_return_submitted_after_its_due_date_is_marked_late(
    unit_return, office_staff, clerk_a, head_a
):
    with time_machine.travel(date(2025, 1, 28)):
        fill_and_submit(unit_return, clerk_a, head_a, {c: 1 for c in CODES})
        todos, warnings = items_for(office_staff)
    (pending,) = [t for t in todos if "待审核统计报表" in t.title]
    assert pending.title.startswith("逾期报送") and pending.level == "warning"
    assert not [w for w in warnings if "逾期未报送" in w.title]
