"""The closed-case ledger and its automatic checks (C3), each citing its article; bad input
refused with a Chinese message; the ledger import writes every row or none."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.imports import run_import
from fazhi.core.xlsx import ImportProblems, build_workbook
from fazhi.enforcement import imports, services
from fazhi.enforcement.models import AutoCheck, EnforcementCase, PersonType, StatementKind
from fazhi.enforcement.rules import case_flags
from fazhi.enforcement.tests.factories import make_case, make_certificate, make_officer

pytestmark = pytest.mark.django_db

BASE = {
    "case_type": "penalty",
    "procedure": "ordinary",
    "subject": "未按规定办理登记",
    "party_kind": "organisation",
    "filed_on": date(2024, 3, 1),
    "notice_served_on": date(2024, 4, 1),
    "statement": StatementKind.STATEMENT,
    "decided_on": date(2024, 4, 15),
    "served_on": date(2024, 4, 17),
    "closed_on": date(2024, 5, 10),
}


def register(clerk, officers, **changes):
    facts = {**BASE, "case_number": changes.pop("case_number", "蒸人社罚〔2024〕1号"), **changes}
    return services.case_register(actor=clerk, unit=clerk.unit, officers=officers, **facts)


def checks(case) -> dict:
    return {flag.check: flag for flag in case_flags(case)}


def test_a_clean_case_has_no_flag(clerk_a, certified):
    assert case_flags(register(clerk_a, certified[:2])) == []


def test_one_officer_is_flagged_naming_article_42(clerk_a, certified):
    case = register(clerk_a, certified[:1])
    flag = checks(case)[AutoCheck.OFFICERS]
    assert flag.citation == "《中华人民共和国行政处罚法》第四十二条"
    assert "仅1名" in flag.message


def test_an_officer_without_a_valid_certificate_on_the_act_date_is_flagged(clerk_a, certified):
    lapsed = make_officer(clerk_a.unit, name="孙涛")
    make_certificate(lapsed, issued_on=date(2019, 1, 1), valid_until=date(2023, 12, 31))
    auxiliary = make_officer(clerk_a.unit, name="钱辅", person_type=PersonType.AUXILIARY)
    make_certificate(auxiliary)
    case = register(clerk_a, [certified[0], lapsed, auxiliary])
    flag = checks(case)[AutoCheck.OFFICERS]
    assert "仅1名" in flag.message
    assert "孙涛、钱辅在2024年04月15日未持有效执法证或为执法辅助人员" in flag.message
    # the same people two years earlier: 孙涛's certificate was valid then
    earlier = register(
        clerk_a,
        [certified[0], lapsed],
        case_number="蒸人社罚〔2023〕9号",
        filed_on=date(2023, 3, 1),
        notice_served_on=date(2023, 3, 20),
        decided_on=date(2023, 4, 1),
        served_on=date(2023, 4, 3),
        closed_on=date(2023, 4, 10),
    )
    assert AutoCheck.OFFICERS not in checks(earlier)


def test_decision_after_90_days_is_flagged_with_the_period_explained(clerk_a, certified):
    # 立案 2024-01-10 + 90 days = 2024-04-09 (a Tuesday, a working day)
    on_time = register(
        clerk_a, certified[:2], filed_on=date(2024, 1, 10), decided_on=date(2024, 4, 9)
    )
    assert AutoCheck.DECISION_PERIOD not in checks(on_time)
    late = register(
        clerk_a,
        certified[:2],
        case_number="蒸人社罚〔2024〕2号",
        filed_on=date(2024, 1, 10),
        decided_on=date(2024, 4, 10),
    )
    flag = checks(late)[AutoCheck.DECISION_PERIOD]
    assert flag.citation == "《中华人民共和国行政处罚法》第六十条"
    assert "超过期限1日" in flag.message and "2024-04-09" in flag.message


def test_no_notice_before_the_decision_is_flagged(clerk_a, certified):
    case = register(clerk_a, certified[:2], notice_served_on=None)
    flag = checks(case)[AutoCheck.NOTICE]
    assert flag.citation == "《中华人民共和国行政处罚法》第四十四条、第六十二条"
    waived = register(
        clerk_a, certified[:2], case_number="蒸人社罚〔2024〕3号", statement=StatementKind.NONE
    )
    assert "陈述申辩" in checks(waived)[AutoCheck.NOTICE].message


def test_service_counts_working_days_across_the_spring_festival(clerk_a, certified):
    """Decided Wed 2024-02-07: working days 2/8, 2/9, then 春节 2/10–2/17, then 2/18 (a Sunday
    worked by 调休), 2/19, 2/20, 2/21, 2/22 → due Thu 2024-02-22 (处罚法第六十一条, 第八十五条)."""
    facts = {
        "filed_on": date(2024, 1, 2),
        "notice_served_on": date(2024, 1, 20),
        "decided_on": date(2024, 2, 7),
        "closed_on": date(2024, 3, 1),
    }
    in_time = register(clerk_a, certified[:2], served_on=date(2024, 2, 22), **facts)
    assert AutoCheck.SERVICE not in checks(in_time)
    late = register(
        clerk_a,
        certified[:2],
        case_number="蒸人社罚〔2024〕4号",
        served_on=date(2024, 2, 23),
        **facts,
    )
    flag = checks(late)[AutoCheck.SERVICE]
    assert flag.citation == "《中华人民共和国行政处罚法》第六十一条"
    assert "2024-02-22" in flag.message and "2024年02月23日送达" in flag.message


def test_missing_legal_review_and_discussion_are_flagged(clerk_a, certified):
    case = register(clerk_a, certified[:2], legal_review_required=True, discussion_required=True)
    found = checks(case)
    assert found[AutoCheck.LEGAL_REVIEW].citation == "《中华人民共和国行政处罚法》第五十八条"
    assert found[AutoCheck.DISCUSSION].citation == "《中华人民共和国行政处罚法》第五十七条"
    reviewed = register(
        clerk_a,
        certified[:2],
        case_number="蒸人社罚〔2024〕5号",
        legal_review_required=True,
        legal_review_on=date(2024, 4, 12),
        discussion_required=True,
        discussion_on=date(2024, 4, 13),
    )
    assert checks(reviewed) == {}


def test_licence_cases_carry_no_penalty_checks(clerk_a, certified):
    case = register(clerk_a, certified[:1], case_type="licence", notice_served_on=None)
    assert case_flags(case) == []


def test_a_decision_before_filing_is_refused_and_nothing_written(clerk_a, certified):
    with pytest.raises(ValidationError) as raised:
        register(clerk_a, certified[:2], decided_on=date(2024, 2, 1))
    assert raised.value.message_dict["decided_on"] == ["决定日期早于立案（受理）日期，请核对。"]
    assert not EnforcementCase.objects.exists()


def test_officers_of_another_unit_are_refused(clerk_a, unit_b, certified):
    stranger = make_officer(unit_b, name="周八")
    with pytest.raises(ValidationError) as raised:
        register(clerk_a, [certified[0], stranger])
    assert "周八不是本单位执法人员" in str(raised.value)


def _ledger(rows) -> bytes:
    headers = [c.header for c in imports.CASE_COLUMNS]
    return build_workbook(headers, rows)


def _row(number, certificates, **changes):
    values = {
        "案件编号": number,
        "案件类型": "行政处罚",
        "程序": "普通程序",
        "案由": "未按规定办理登记",
        "当事人类型": "法人或者其他组织",
        "承办人员执法证号": "、".join(certificates),
        "立案（受理）日期": "2024-03-01",
        "告知日期": "2024-04-01",
        "陈述申辩/听证": "已陈述申辩",
        "需法制审核": "否",
        "法制审核日期": None,
        "需集体讨论": "否",
        "集体讨论日期": None,
        "决定日期": "2024-04-15",
        "送达日期": "2024-04-17",
        "需公示": "否",
        "公示日期": None,
        "结案日期": "2024-05-10",
    }
    values.update(changes)
    return [values[c.header] for c in imports.CASE_COLUMNS]


def test_ledger_import_with_one_bad_row_writes_nothing_then_imports(clerk_a, certified):
    numbers = [c.number for o in certified for c in o.certificates.all()]
    good = _row("蒸人社罚〔2024〕11号", numbers[:2])
    bad_date = _row("蒸人社罚〔2024〕12号", numbers[:2], **{"决定日期": "2024-02-01"})
    unknown = _row("蒸人社罚〔2024〕13号", [numbers[0], "湘行执999999"])
    with pytest.raises(ImportProblems) as raised:
        run_import(imports.CASE_IMPORT, _ledger([good, bad_date, unknown]), actor=clerk_a)
    messages = [str(e) for e in raised.value.errors]
    assert "第3行“决定日期”列：决定日期早于立案（受理）日期，请核对。" in messages
    assert "第4行“承办人员执法证号”列：执法证号湘行执999999不存在" in messages
    assert not EnforcementCase.objects.exists()

    result = run_import(imports.CASE_IMPORT, _ledger([good]), actor=clerk_a)
    assert result.created == 1
    case = EnforcementCase.objects.get()
    assert set(case.officers.values_list("name", flat=True)) == {"李明", "王强"}
    again = run_import(
        imports.CASE_IMPORT,
        _ledger([good, _row("蒸人社罚〔2024〕14号", numbers[:1])]),
        actor=clerk_a,
    )
    assert (again.created, again.skipped) == (1, 1)
    single = EnforcementCase.objects.get(case_number="蒸人社罚〔2024〕14号")
    assert AutoCheck.OFFICERS in checks(single)


def test_factory_case_is_ordinary_penalty(clerk_a, certified):
    case = make_case(clerk_a.unit, officers=certified[:2])
    assert case_flags(case) == []
