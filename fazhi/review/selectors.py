"""Reads of the legality review. User-facing lists start from `for_user`; the gate helpers
(`passed_review_for`, `advisor_opinions_for`) read the record of one subject."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet

from fazhi.core.access import get_for_user_or_404
from fazhi.deadlines.services import compute_due
from fazhi.review import conf
from fazhi.review.flagging import Repealed, Rule, compile_rule
from fazhi.review.models import (
    FAIR_COMPETITION_ITEMS,
    AdvisorOpinion,
    FairCompetitionReview,
    FlagKind,
    FlagRule,
    FlagStatus,
    RepealedLaw,
    ReviewDraft,
    ReviewFlag,
    ReviewRequest,
    ReviewState,
)


def review_list(*, user, subject_type: str | None = None, state: str | None = None) -> QuerySet:
    qs = ReviewRequest.objects.for_user(user).select_related("unit", "reviewer_unit")
    if subject_type:
        qs = qs.filter(subject_type=subject_type)
    if state:
        qs = qs.filter(state=state)
    return qs


def review_get(*, user, pk: int) -> ReviewRequest:
    return get_for_user_or_404(ReviewRequest, user, pk=pk)


def pending_for_reviewer(*, user) -> QuerySet:
    """Requests waiting for the user's unit as reviewing body."""
    return ReviewRequest.objects.for_user(user).filter(
        reviewer_unit_id=user.unit_id, state=ReviewState.IN_REVIEW
    )


def reviews_for(subject) -> QuerySet:
    return ReviewRequest.objects.for_subject(subject)


def passed_review_for(subject, *, on: date | None = None) -> ReviewRequest | None:
    """The latest passed review of `subject` (approved, approved with changes, or an
    exploratory-reform major decision with the legal risk disclosed: 决策条例第二十五条第二款).

    With `on` (a meeting date), only an opinion issued on or before that day counts."""
    reviews = reviews_for(subject).passed()
    if on is not None:
        reviews = reviews.filter(opinion_issued_on__lte=on)
    return reviews.order_by("-opinion_issued_on", "-pk").first()


def advisor_opinions_for(subject, *, on: date | None = None) -> QuerySet:
    opinions = AdvisorOpinion.objects.filter(review__in=reviews_for(subject).values("pk")).given()
    if on is not None:
        opinions = opinions.filter(given_on__lte=on)
    return opinions


def return_pauses(review: ReviewRequest) -> list[tuple]:
    """The 退回补充 periods (returned, resubmitted or None): not counted as review time."""
    pauses = []
    for period in review.return_periods or []:
        end = period.get("resubmitted_on")
        pauses.append(
            (
                date.fromisoformat(period["returned_on"]),
                date.fromisoformat(end) if end else None,
                "退回补充材料",
            )
        )
    return pauses


def earliest_discussion(review: ReviewRequest):
    """L3 / N14 (决策条例第二十六条第二款): the submitter leaves the reviewer generally at least N
    working days. A minimum interval, not the reviewer's due date: the earliest day the draft
    may be discussed. Days while the request was returned for supplement are not counted.

    Returns the `DueResult` of the minimum-period rule, or None where no minimum applies.
    """
    rule = conf.minimum_period_rule(review.subject_type)
    if rule is None:
        return None
    return compute_due(rule, review.submitted_on, pauses=return_pauses(review))


def discussion_too_early(review: ReviewRequest, meeting_date: date) -> str:
    """A warning text when the meeting comes before the minimum review period ends (L3)."""
    due = earliest_discussion(review)
    if due is None or meeting_date >= due.due_date:
        return ""
    return (
        f"会议日期{meeting_date:%Y-%m-%d}早于合法性审查最短期限届满日{due.due_date:%Y-%m-%d}"
        f"（{due.rule.citation}：{due.rule.name}{due.rule.period_text}）。"
    )


# --- assisted review (issue 20) ---------------------------------------------------------------


def assist_rules() -> tuple[list[Rule], list[Repealed]]:
    """The active rules, compiled, and the repealed-law list, as the office keeps them."""
    rules = [compile_rule(row) for row in FlagRule.objects.filter(active=True)]
    repealed = [
        Repealed(law.pk, law.title, law.repealed_on, law.replaced_by, law.source)
        for law in RepealedLaw.objects.filter(active=True)
    ]
    return rules, repealed


def current_draft(review: ReviewRequest) -> ReviewDraft | None:
    return review.drafts.order_by("-id").first()


def draft_flags(draft: ReviewDraft) -> QuerySet:
    return draft.flags.select_related("rule", "decided_by").order_by("clause_index", "id")


def accepted_flags(review: ReviewRequest) -> list[ReviewFlag]:
    """The accepted points of the current draft, in the order of the clauses (全文 last)."""
    draft = current_draft(review)
    if draft is None:
        return []
    flags = list(draft_flags(draft).filter(status=FlagStatus.ACCEPTED))
    return sorted(flags, key=lambda f: (f.clause_index is None, f.clause_index or 0, f.pk))


def accepted_points_text(review: ReviewRequest) -> str:
    """The accepted points as the 内容 part of the opinion: clause, problem, article."""
    return "\n".join(
        f"{n}. {flag.clause_ref or '全文'}：{flag.get_kind_display()}。{flag.explanation}"
        f"（依据：{flag.article}）"
        for n, flag in enumerate(accepted_flags(review), start=1)
    )


def clauses_with_flags(draft: ReviewDraft) -> tuple[list[dict], list]:
    """The draft as the review screen shows it: each clause with its flags inline."""
    by_clause: dict[int | None, list] = {}
    for flag in draft_flags(draft):
        by_clause.setdefault(flag.clause_index, []).append(flag)
    rows = [{**clause, "flags": by_clause.get(clause["index"], [])} for clause in draft.clauses]
    return rows, by_clause.get(None, [])


def fair_competition_rows(review: ReviewRequest) -> list[dict] | None:
    """The statutory checklist (《公平竞争审查条例》第八条至第十一条) with the stored answers."""
    try:
        form = review.fair_competition
    except FairCompetitionReview.DoesNotExist:
        return None
    rows = []
    for code, (group, article, text) in FAIR_COMPETITION_ITEMS.items():
        answer = form.answers.get(code, {})
        rows.append(
            {
                "code": code,
                "group": group,
                "article": f"《公平竞争审查条例》{article}",
                "text": text,
                "involved": bool(answer.get("involved")),
                "note": answer.get("note", ""),
                "prefilled": bool(answer.get("prefilled")),
            }
        )
    return rows


def rule_statistics(*, user) -> list[dict]:
    """Per rule: flags raised, accepted, dismissed, open, the precision the reviewers' decisions
    give (accepted ÷ decided) and the latest dismissal reasons; over the flags the user may see."""
    flags = ReviewFlag.objects.for_user(user).filter(manual=False)
    counts = {
        row["rule"]: row
        for row in flags.exclude(rule__isnull=True)
        .values("rule")
        .annotate(
            total=Count("id"),
            accepted=Count("id", filter=Q(status=FlagStatus.ACCEPTED)),
            dismissed=Count("id", filter=Q(status=FlagStatus.DISMISSED)),
        )
    }
    rows = []
    for rule in FlagRule.objects.all():
        row = counts.get(rule.pk, {"total": 0, "accepted": 0, "dismissed": 0})
        decided = row["accepted"] + row["dismissed"]
        reasons = list(
            flags.filter(rule=rule, status=FlagStatus.DISMISSED)
            .order_by("-decided_at")
            .values_list("reason", flat=True)[:5]
        )
        rows.append(
            {
                "rule": rule,
                "kind": FlagKind(rule.kind).label,
                "total": row["total"],
                "accepted": row["accepted"],
                "dismissed": row["dismissed"],
                "open": row["total"] - decided,
                "precision": f"{row['accepted'] / decided:.0%}" if decided else "—",
                "reasons": reasons,
            }
        )
    repealed = flags.filter(kind=FlagKind.REPEALED)
    decided = repealed.exclude(status=FlagStatus.OPEN)
    accepted = repealed.filter(status=FlagStatus.ACCEPTED).count()
    rows.append(
        {
            "rule": None,
            "kind": FlagKind.REPEALED.label,
            "total": repealed.count(),
            "accepted": accepted,
            "dismissed": decided.count() - accepted,
            "open": repealed.count() - decided.count(),
            "precision": f"{accepted / decided.count():.0%}" if decided.exists() else "—",
            "reasons": list(
                repealed.filter(status=FlagStatus.DISMISSED)
                .order_by("-decided_at")
                .values_list("reason", flat=True)[:5]
            ),
        }
    )
    return rows
