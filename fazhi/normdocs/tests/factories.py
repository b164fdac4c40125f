"""Factories of the normative-document register and its isolation factories."""

import itertools
from datetime import date

from fazhi.core.testing.isolation import isolation_factory
from fazhi.normdocs.models import (
    CleanupCampaign,
    CleanupItem,
    CleanupKind,
    DocState,
    IncidentalReview,
    IncidentalSource,
    IssuerKind,
    NormativeDocument,
)

_seq = itertools.count(1)


@isolation_factory("normdocs.NormativeDocument")
def make_document(unit, **fields) -> NormativeDocument:
    values = {
        "title": f"关于规范某事项管理的办法{next(_seq)}",
        "body": "第一条 为规范管理，制定本办法。",
        "issuer_kind": IssuerKind.DEPARTMENT,
        "state": DocState.DRAFTING,
    }
    values.update(fields)
    return NormativeDocument.objects.create(unit=unit, **values)


def make_published(unit, published_on=date(2022, 3, 1), **fields) -> NormativeDocument:
    n = next(_seq)
    values = {
        "state": DocState.PUBLISHED,
        "registration_number": f"ZXDR-{published_on.year}-{n:05d}",
        "registered_on": published_on,
        "published_on": published_on,
        "effective_on": date(published_on.year, published_on.month, 1).replace(
            year=published_on.year + (published_on.month == 12),
            month=published_on.month % 12 + 1,
        ),
        "valid_until": date(published_on.year + 5, 1, 1),
    }
    values.update(fields)
    return make_document(unit, **values)


@isolation_factory("normdocs.CleanupCampaign")
def make_campaign(unit, **fields) -> CleanupCampaign:
    values = {
        "kind": CleanupKind.PERIODIC,
        "year": 2024,
        "title": "2024年规范性文件清理",
        "started_on": date(2024, 7, 1),
        "cutoff_on": date(2024, 6, 30),
    }
    values.update(fields)
    return CleanupCampaign.objects.create(unit=unit, **values)


@isolation_factory("normdocs.CleanupItem")
def make_cleanup_item(unit, campaign=None, document=None) -> CleanupItem:
    campaign = campaign or make_campaign(unit)
    document = document or make_published(unit)
    return CleanupItem.objects.create(unit=unit, campaign=campaign, document=document)


@isolation_factory("normdocs.IncidentalReview")
def make_incidental(unit, document=None) -> IncidentalReview:
    return IncidentalReview.objects.create(
        unit=unit,
        document=document or make_published(unit),
        source=IncidentalSource.RECONSIDERATION,
        case_number="蒸政复〔2024〕1号",
        received_on=date(2024, 5, 6),
    )
