"""Reads of the normative-document register. Staff lists start from `for_user`; the public list
(`public_documents`) is the set the law requires to be published (公开条例第二十条, N10),
read by the portal without a user."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from fazhi.deadlines.models import OPEN_STATES, Clock
from fazhi.deadlines.services import compute_due
from fazhi.normdocs.models import (
    CleanupCampaign,
    CleanupOutcome,
    CleanupState,
    DocState,
    NormativeDocument,
)

FILING_RULE = "normdocs.filing"
EXPIRY_RULE = "normdocs.expiry_warning"


def document_list(*, user, state: str | None = None, search: str = "") -> QuerySet:
    qs = NormativeDocument.objects.for_user(user).select_related("unit")
    if state:
        qs = qs.filter(state=state)
    return qs.search(search) if search else qs


def document_search(*, user, term: str) -> QuerySet:
    """Full-text search over title and body (pg_trgm GIN, `LIKE '%term%'`)."""
    return NormativeDocument.objects.for_user(user).search(term)


def open_filing_clocks(*, user) -> QuerySet:
    """Filing clocks (N7) still running for documents the user may see."""
    documents = (
        NormativeDocument.objects.for_user(user).annotate(key=Cast("pk", CharField())).values("key")
    )
    return (
        Clock.objects.filter(
            rule_code=FILING_RULE,
            state__in=OPEN_STATES,
            content_type=ContentType.objects.get_for_model(NormativeDocument),
            object_id__in=documents,
        )
        .select_related("unit")
        .order_by("due_date")
    )


def expiry_horizon(today: date | None = None):
    """The look-ahead of the expiry warning (N8), from the configurable period rule."""
    return compute_due(EXPIRY_RULE, today or timezone.localdate())


def expiring_documents(*, user, today: date | None = None) -> QuerySet:
    """Documents in force whose validity ends within the warning window (N8)."""
    today = today or timezone.localdate()
    horizon = expiry_horizon(today).due_date
    return (
        NormativeDocument.objects.for_user(user)
        .in_force_on(today)
        .filter(valid_until__lte=horizon)
        .order_by("valid_until")
    )


def past_validity_still_in_force(*, user=None, on: date | None = None) -> QuerySet:
    on = on or timezone.localdate()
    qs = NormativeDocument.objects.for_user(user) if user else NormativeDocument.objects.all()
    return qs.filter(state=DocState.PUBLISHED, valid_until__lt=on)


# ---- public (portal) reads: only what is published by law -------------------------------------


PUBLIC_FIELDS = (
    "registration_number",
    "document_number",
    "title",
    "unit__name",
    "published_on",
    "effective_on",
    "valid_until",
    "state",
    "body",
)


def public_documents(*, on: date | None = None, search: str = "") -> QuerySet:
    """Normative documents in force (number, title, issuing unit, dates, status, full text)."""
    on = on or timezone.localdate()
    qs = (
        NormativeDocument.objects.in_force_on(on)
        .exclude(registration_number="")
        .select_related("unit")
        .order_by("-published_on", "registration_number")
    )
    return qs.search(search) if search else qs


def public_document(*, registration_number: str) -> NormativeDocument | None:
    return (
        NormativeDocument.objects.published()
        .exclude(registration_number="")
        .select_related("unit")
        .filter(registration_number=registration_number)
        .first()
    )


def public_cleanups() -> QuerySet:
    return CleanupCampaign.objects.filter(state=CleanupState.PUBLISHED).select_related("unit")


def cleanup_result_lists(campaign: CleanupCampaign) -> dict[str, list]:
    """The published lists of a campaign: 继续有效 / 修改 / 宣布失效 / 废止 (N9)."""
    lists: dict[str, list] = {outcome.label: [] for outcome in CleanupOutcome}
    for item in campaign.items.select_related("document", "document__unit").order_by(
        "document__published_on"
    ):
        if item.outcome:
            lists[CleanupOutcome(item.outcome).label].append(item)
    return lists


def public_documents_of(division, *, on: date | None = None, search: str = "") -> QuerySet:
    """The documents in force issued by the units of `division`'s subtree (the portal's
    district page and the open data)."""
    return public_documents(on=on, search=search).filter(
        unit__division__path__startswith=division.path
    )


def public_document_history(document: NormativeDocument) -> list[NormativeDocument]:
    """Every published version of the document, oldest first: the documents it replaced
    (`supersedes`) and those that replaced it. Unpublished versions are left out."""
    published = NormativeDocument.objects.published().exclude(registration_number="")
    chain = [document]
    older = document
    while older.supersedes_id and len(chain) < 50:
        older = published.filter(pk=older.supersedes_id).select_related("unit").first()
        if older is None:
            break
        chain.insert(0, older)
    newer = document
    while len(chain) < 100:
        newer = (
            published.filter(supersedes_id=newer.pk)
            .select_related("unit")
            .order_by("published_on", "pk")
            .first()
        )
        if newer is None:
            break
        chain.append(newer)
    return chain if len(chain) > 1 else []
