"""The hard gate of L1 (决策条例第二十五条) shared by every register whose drafts go to a
collective discussion: meetings, major decisions, normative documents.

A subject model declares:
- `legality_review_required` (bool): no discussion before a passed legality review;
- `advisor_opinion_required` (bool): no discussion without a legal advisor's opinion (L5, G1);
- `legality_review_citation` (str): the article to name when refusing.

Given the meeting date (`on`), the gate also requires the opinion to have been issued on or
before that day (决策条例第二十五条第一款、第二十八条: reviewed before the discussion), so an
opinion issued after the meeting cannot be back-dated into it by recording the item later.
"""

from datetime import date

from fazhi.core.workflow import ALLOW, Verdict, refuse
from fazhi.review.selectors import advisor_opinions_for, passed_review_for

DEFAULT_CITATION = "《重大行政决策程序暂行条例》第二十五条"
ORDER_CITATION = "《重大行政决策程序暂行条例》第二十五条第一款、第二十八条"


def discussion_verdict(subject, *, on: date | None = None) -> Verdict:
    if not getattr(subject, "legality_review_required", False):
        return ALLOW
    citation = getattr(subject, "legality_review_citation", DEFAULT_CITATION)
    passed = passed_review_for(subject)
    if passed is None:
        return refuse(
            f"未经合法性审查或者经审查不合法的，不得提交集体讨论（{citation}）。"
            f"“{subject}”尚无通过的合法性审查意见。"
        )
    if on is not None and passed_review_for(subject, on=on) is None:
        return refuse(
            f"合法性审查意见于 {passed.opinion_issued_on:%Y-%m-%d} 出具，晚于会议日期 {on:%Y-%m-%d}："
            f"草案应当在提交讨论前经合法性审查，会后出具的意见不能作为该次讨论的依据（{citation}；"
            f"{ORDER_CITATION}）。请在意见出具后的会议上讨论。"
        )
    if getattr(subject, "advisor_opinion_required", False):
        if not advisor_opinions_for(subject).exists():
            return refuse(
                "合法性审查应当听取法律顾问、公职律师的意见，未记录法律顾问意见的不得提交集体讨论"
                "（《重大行政决策程序暂行条例》第二十八条）。"
            )
        if on is not None and not advisor_opinions_for(subject, on=on).exists():
            return refuse(
                f"法律顾问意见晚于会议日期 {on:%Y-%m-%d} 出具，不能作为该次讨论前的合法性审查意见"
                "（《重大行政决策程序暂行条例》第二十八条）。"
            )
    return ALLOW
