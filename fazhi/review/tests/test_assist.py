"""Assisted legality review (issue 20): parsing real .docx files into numbered clauses, the
flags and their articles, accepting / dismissing / adding, the 意见书 opened and read, the
公平竞争审查 checklist, the rules as data, bad input refused with nothing written, speed."""

import io
import time
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory
from fazhi.review import services
from fazhi.review.drafts import parse_docx, parse_text
from fazhi.review.models import (
    FairCompetitionReview,
    FlagKind,
    FlagRule,
    FlagStatus,
    ReviewDraft,
    ReviewFlag,
    SubjectType,
)
from fazhi.review.selectors import assist_rules, rule_statistics
from fazhi.review.tests.docfiles import (
    PLANTED,
    build_docx,
    empty_docx,
    encrypted_docx,
    legacy_doc,
    oversized_docx,
)
from fazhi.review.tests.factories import make_review
from fazhi.review.tests.labelled import evaluate, load, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(clerk_a, justice_bureau):
    return make_review(
        clerk_a.unit,
        reviewer_unit=justice_bureau,
        subject_type=SubjectType.NORMATIVE_DOCUMENT,
        title="蒸湘区城区停车管理办法",
        submitted_on=date(2024, 3, 5),
    )


def _opinion_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_a_docx_is_split_into_numbered_clauses_keeping_the_structure():
    data = build_docx(
        [
            "蒸湘区就业见习管理办法",
            "第一章 总则",
            "第一条 为规范就业见习，制定本办法。",
            "见习期一般为3至12个月。",
            "第二条 见习单位应当履行下列义务：",
            "（一）与见习人员签订见习协议；",
            "（二）发放见习补贴：",
            "1.按月足额发放；",
            "2.不得低于最低工资标准的60%。",
            "一、保障措施",
            "（一）加强组织领导。",
        ],
        table=[["事项", "时限"], ["审核", "20个工作日"]],
    )
    _, clauses = parse_docx(data)
    refs = [(c.ref, c.text[:8]) for c in clauses]
    assert refs == [
        ("正文", "蒸湘区就业见习管"),
        ("第一章 总则", "第一章 总则"),
        ("第一条", "第一条 为规范就"),
        ("第一条第二款", "见习期一般为3至"),
        ("第二条", "第二条 见习单位"),
        ("第二条（一）", "（一）与见习人员"),
        ("第二条（二）", "（二）发放见习补"),
        ("第二条（二）1.", "1.按月足额发放"),
        ("第二条（二）2.", "2.不得低于最低"),
        ("一、", "一、保障措施"),
        ("一、（一）", "（一）加强组织领"),
        ("一、（一）", "事项"),
        ("一、（一）", "时限"),
        ("一、（一）", "审核"),
        ("一、（一）", "20个工作日"),
    ]


def test_pasted_text_with_articles_on_one_line_is_split_at_each_article():
    clauses = parse_text("第一条 为规范管理，制定本办法。 第二条 本办法自印发之日起施行。")
    assert [c.ref for c in clauses] == ["第一条", "第二条"]


def test_three_planted_defects_give_three_flags_with_their_articles(review, reviewer):
    draft = services.draft_analyse(
        actor=reviewer, review=review, data=build_docx(PLANTED), file_name="停车管理办法.docx"
    )
    flags = {(f.clause_ref, f.kind, f.article) for f in draft.flags.all()}
    assert flags == {
        ("第三条", "licence", "《中华人民共和国行政许可法》第十五条至第十七条"),
        ("第四条", "penalty", "《中华人民共和国行政处罚法》第十六条"),
        ("第五条", "competition", "《公平竞争审查条例》第八条第（二）项"),
    }
    # The draft touches market activity: the checklist is generated, item 8.2 pre-filled.
    form = FairCompetitionReview.objects.get(review=review)
    assert form.answers["8.2"]["involved"] is True and "第五条" in form.answers["8.2"]["note"]
    assert not form.confirmed


def test_accept_two_dismiss_one_and_the_opinion_holds_the_two(review, reviewer):
    draft = services.draft_analyse(actor=reviewer, review=review, data=build_docx(PLANTED))
    licence, penalty, exclusive = (
        draft.flags.get(kind=FlagKind.LICENCE),
        draft.flags.get(kind=FlagKind.PENALTY),
        draft.flags.get(kind=FlagKind.COMPETITION),
    )
    services.flag_accept(actor=reviewer, flag=licence)
    services.flag_accept(actor=reviewer, flag=penalty)
    with pytest.raises(ValidationError):
        services.flag_dismiss(actor=reviewer, flag=exclusive, reason="  ")
    services.flag_dismiss(actor=reviewer, flag=exclusive, reason="经营权已通过公开招标确定")
    text = _opinion_text(services.opinion_generate(actor=reviewer, review=review))
    assert "合法性审查意见书" in text and review.number in text
    assert "第三条" in text and "《中华人民共和国行政许可法》第十五条至第十七条" in text
    assert "第四条" in text and "《中华人民共和国行政处罚法》第十六条" in text
    assert "独家经营权" not in text.split("公平竞争审查：")[0]
    # Dismissal feeds the rule's statistics.
    rows = {row["rule"].code: row for row in rule_statistics(user=reviewer) if row["rule"]}
    assert rows["competition-exclusive"]["dismissed"] == 1
    assert rows["competition-exclusive"]["precision"] == "0%"
    assert rows["competition-exclusive"]["reasons"] == ["经营权已通过公开招标确定"]
    assert rows["licence-approval"]["precision"] == "100%"


def test_a_point_the_reviewer_adds_goes_into_the_opinion(review, reviewer):
    draft = services.draft_analyse(actor=reviewer, review=review, data=build_docx(PLANTED))
    services.flag_add(
        actor=reviewer,
        draft=draft,
        clause_index=8,
        kind=FlagKind.OTHER,
        article="《湖南省规范性文件管理办法》",
        explanation="有效期宜与试行期限相衔接。",
    )
    text = _opinion_text(services.opinion_generate(actor=reviewer, review=review))
    assert "有效期宜与试行期限相衔接。" in text and "第七条" in text


def test_only_the_reviewing_body_works_on_the_draft(review, clerk_a, clerk_b, reviewer):
    for outsider in (clerk_a, clerk_b):
        with pytest.raises(ValidationError):
            services.draft_analyse(actor=outsider, review=review, text="第一条 测试。")
    assert not ReviewDraft.objects.exists()
    draft = services.draft_analyse(actor=reviewer, review=review, data=build_docx(PLANTED))
    with pytest.raises(ValidationError):
        services.flag_accept(actor=clerk_a, flag=draft.flags.first())
    assert not draft.flags.exclude(status=FlagStatus.OPEN).exists()


@pytest.mark.parametrize(
    "build, words",
    [
        (empty_docx, "没有可读取的文字"),
        (encrypted_docx, "打开密码"),
        (oversized_docx, "超过 10.0 MB"),
        (legacy_doc, "旧版 Word（.doc）"),
        (lambda: b"", "空的"),
        (lambda: "第一条 这是文本文件。".encode(), "不是 Word 文档"),
    ],
    ids=["no-text", "encrypted", "20MB", "doc-renamed", "empty-file", "text-renamed"],
)
def test_bad_files_are_refused_in_chinese_and_nothing_is_written(review, reviewer, build, words):
    with pytest.raises(ValidationError) as refused:
        services.draft_analyse(actor=reviewer, review=review, data=build(), file_name="送审稿.docx")
    assert words in " ".join(refused.value.messages)
    assert not ReviewDraft.objects.exists() and not ReviewFlag.objects.exists()
    assert not FairCompetitionReview.objects.exists()


def test_a_rule_the_office_edits_is_versioned_and_applied(review, reviewer, office_staff):
    rule = FlagRule.objects.get(code="competition-exclusive")
    rule.exceptions += "\n城投公司"
    services.flag_rule_save(actor=office_staff, rule=rule, changed=True)
    rule.refresh_from_db()
    assert rule.version == 2 and rule.updated_by == office_staff
    assert rule.events.count() >= 2  # pghistory keeps every version
    draft = services.draft_analyse(actor=reviewer, review=review, data=build_docx(PLANTED))
    assert not draft.flags.filter(kind=FlagKind.COMPETITION).exists()
    rule.patterns = "([未闭合"
    with pytest.raises(ValidationError) as refused:
        services.flag_rule_save(actor=office_staff, rule=rule, changed=True)
    assert "不是有效的正则表达式" in str(refused.value)


def test_a_department_clerk_cannot_edit_the_rules(clerk_a):
    rule = FlagRule.objects.get(code="licence-approval")
    rule.active = False
    with pytest.raises(ValidationError):
        services.flag_rule_save(actor=clerk_a, rule=rule, changed=True)
    assert FlagRule.objects.get(code="licence-approval").active


def test_early_entry_into_force_and_missing_parts_are_flagged(review, reviewer):
    draft = services.draft_analyse(
        actor=reviewer,
        review=review,
        text="第一条 为加强管理，制定本办法。\n第二条 本办法自印发之日起施行。",
    )
    kinds = {f.rule.code for f in draft.flags.all()}
    assert kinds == {
        "missing-validity",
        "missing-basis",
        "missing-number",
        "missing-issuer",
        "effective-too-early",
    }


def test_a_repealed_law_is_flagged_with_the_repealing_article(review, reviewer):
    draft = services.draft_analyse(
        actor=reviewer,
        review=review,
        text="第十条 房屋征收补偿协议的订立，适用《中华人民共和国合同法》的有关规定。",
    )
    flag = draft.flags.get(kind=FlagKind.REPEALED)
    assert flag.article == "《中华人民共和国民法典》第一千二百六十条"
    assert "2021年1月1日" in flag.explanation and "合同编" in flag.explanation


def test_the_labelled_set_meets_the_targets():
    """Recall ≥ 0.9 and precision ≥ 0.7 over all kinds (issue 20 item 5), on the set the rules
    were written against and on the held-out set written after them."""
    assert len(load("clauses.jsonl")) + len(load("holdout.jsonl")) >= 150
    rules, repealed = assist_rules()
    development = evaluate(rules, repealed)
    print(report(development))
    assert development.recall() >= 0.9 and development.precision() >= 0.7
    for kind in development.kinds():
        assert development.recall(kind) >= 0.9, kind
        assert development.precision(kind) >= 0.7, kind
    held_out = evaluate(rules, repealed, "holdout.jsonl", documents=False)
    print(report(held_out))
    assert held_out.recall() >= 0.9 and held_out.precision() >= 0.7


def _long_draft(articles: int) -> str:
    texts = [item["text"].split(" ", 1)[-1] for item in load("clauses.jsonl")]
    return "\n".join(f"第{n}条 {texts[n % len(texts)]}" for n in range(1, articles + 1))


def test_a_draft_of_200_articles_is_flagged_in_under_two_seconds(review, reviewer):
    text = _long_draft(200)
    started = time.perf_counter()
    draft = services.draft_analyse(actor=reviewer, review=review, text=text)
    elapsed = time.perf_counter() - started
    assert len(draft.clauses) == 200
    assert draft.flags.count() > 100
    assert elapsed < 2.0, f"{elapsed:.2f} s"


def test_another_units_reviewer_sees_nothing(review, reviewer, district):
    draft = services.draft_analyse(actor=reviewer, review=review, data=build_docx(PLANTED))
    from fazhi.core.testing.factories import DivisionFactory, UnitFactory

    other = UnitFactory(division=DivisionFactory(parent=district.parent), is_justice_bureau=True)
    stranger = UserFactory(unit=other, roles=[Role.CLERK])
    assert not ReviewFlag.objects.for_user(stranger).filter(draft=draft).exists()
    assert not ReviewDraft.objects.for_user(stranger).exists()
