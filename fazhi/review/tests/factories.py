"""Factories of the legality review and its isolation factories."""

import itertools
from datetime import date

from fazhi.advisors.tests.factories import make_advisor
from fazhi.core.testing.factories import UnitFactory
from fazhi.core.testing.isolation import isolation_factory
from fazhi.review import seed
from fazhi.review.models import (
    AdvisorOpinion,
    FairCompetitionReview,
    FlagKind,
    FlagRule,
    MaterialKind,
    RepealedLaw,
    ReviewDraft,
    ReviewFlag,
    ReviewMaterial,
    ReviewRequest,
    ReviewState,
    SubjectType,
)

_serial = itertools.count(1)


def reviewing_body(unit):
    return UnitFactory(division=unit.division, is_justice_bureau=True)


@isolation_factory("review.ReviewRequest")
def make_review(unit, **fields) -> ReviewRequest:
    values = {
        "reviewer_unit": fields.pop("reviewer_unit", None) or reviewing_body(unit),
        "year": 2024,
        "serial": next(_serial),
        "subject_type": SubjectType.GOVERNMENT_DOCUMENT,
        "title": "关于印发某工作方案的通知",
        "submitted_on": date(2024, 3, 1),
        "state": ReviewState.IN_REVIEW,
    }
    values.update(fields)
    return ReviewRequest.objects.create(unit=unit, **values)


@isolation_factory("review.ReviewMaterial")
def make_material(unit, review=None) -> ReviewMaterial:
    review = review or make_review(unit)
    return ReviewMaterial.objects.create(
        unit=unit, review=review, kind=MaterialKind.DRAFT, title="送审稿"
    )


@isolation_factory("review.AdvisorOpinion")
def make_opinion(unit, review=None, advisor=None, **fields) -> AdvisorOpinion:
    review = review or make_review(unit)
    return AdvisorOpinion.objects.create(
        unit=unit,
        review=review,
        advisor=advisor or make_advisor(unit),
        requested_on=review.submitted_on,
        **fields,
    )


@isolation_factory("review.ReviewDraft")
def make_draft(unit, review=None) -> ReviewDraft:
    review = review or make_review(unit)
    text = "第一条 为规范管理，制定本办法。"
    return ReviewDraft.objects.create(
        unit=unit,
        review=review,
        text=text,
        clauses=[{"index": 0, "ref": "第一条", "label": "第一条", "level": 1, "text": text}],
    )


@isolation_factory("review.ReviewFlag")
def make_flag(unit, draft=None) -> ReviewFlag:
    draft = draft or make_draft(unit)
    return ReviewFlag.objects.create(
        unit=unit,
        review=draft.review,
        draft=draft,
        clause_index=0,
        clause_ref="第一条",
        clause_text=draft.clauses[0]["text"],
        kind=FlagKind.OTHER,
        article="《中华人民共和国行政许可法》第十七条",
        explanation="示例提示",
        manual=True,
    )


@isolation_factory("review.FairCompetitionReview")
def make_fair_competition(unit, review=None) -> FairCompetitionReview:
    return FairCompetitionReview.objects.create(unit=unit, review=review or make_review(unit))


def ensure_assist_rules() -> None:
    """The seeded rules and repealed-law list, put back if a flush removed them."""
    seed.load(FlagRule, RepealedLaw, only_if_empty=True)
