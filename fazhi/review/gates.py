"""The hard gate of L1 (决策条例第二十五条) shared by every register whose drafts go to a
collective discussion: meetings, major decisions, normative documents.

A subject model declares:
- `legality_review_required` (bool): no discussion before a passed legality review;
- `advisor_opinion_required` (bool): no discussion without a legal advisor's opinion (L5, G1);
- `legality_review_citation` (str): the article to name when refusing.
"""

from fazhi.core.workflow import ALLOW, Verdict, refuse
from fazhi.review.selectors import advisor_opinions_for, passed_review_for

DEFAULT_CITATION = "《重大行政决策程序暂行条例》第二十五条"


def discussion_verdict(subject) -> Verdict:
    if not getattr(subject, "legality_review_required", False):
        return ALLOW
    citation = getattr(subject, "legality_review_citation", DEFAULT_CITATION)
    if passed_review_for(subject) is None:
        return refuse(
            f"未经合法性审查或者经审查不合法的，不得提交集体讨论（{citation}，L1）。"
            f"“{subject}”尚无通过的合法性审查意见。"
        )
    if (
        getattr(subject, "advisor_opinion_required", False)
        and not advisor_opinions_for(subject).exists()
    ):
        return refuse(
            "合法性审查应当听取法律顾问、公职律师的意见，未记录法律顾问意见的不得提交集体讨论"
            "（《重大行政决策程序暂行条例》第二十八条，L1、L5）。"
        )
    return ALLOW
