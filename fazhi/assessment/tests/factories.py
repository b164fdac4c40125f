"""Factories of the 示范创建 assessment and its isolation factories."""

import itertools
from decimal import Decimal

from django.core.files.base import ContentFile

from fazhi.assessment.models import Assessment, EvidenceFile, Framework, Item, Score
from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory
from fazhi.core.testing.isolation import isolation_factory

_seq = itertools.count(1)


@isolation_factory("assessment.Framework")
def make_framework(unit, **fields) -> Framework:
    values = {
        "name": f"示范指标体系{next(_seq)}",
        "total_score": Decimal(10),
        "imported_by": UserFactory(unit=unit, roles=[Role.OFFICE_STAFF]),
    }
    values.update(fields)
    return Framework.objects.create(unit=unit, **values)


@isolation_factory("assessment.Item")
def make_leaf(unit, framework=None) -> Item:
    """A framework's one branch: 一级 › 二级 › 三级 (10 points)."""
    framework = framework or make_framework(unit)
    first = Item.objects.create(
        unit=unit, framework=framework, level=1, number="1", name="依法决策", score=10, order=1
    )
    second = Item.objects.create(
        unit=unit,
        framework=framework,
        parent=first,
        level=2,
        number="1.1",
        name="合法性审查",
        score=10,
        order=2,
    )
    return Item.objects.create(
        unit=unit,
        framework=framework,
        parent=second,
        level=3,
        number="1.1.1",
        name="发文经合法性审查",
        score=10,
        order=3,
        evidence=[{"kind": "material", "target": "审查记录", "label": "审查记录"}],
    )


@isolation_factory("assessment.Assessment")
def make_assessment(unit, framework=None, year=2024) -> Assessment:
    framework = framework or make_leaf(unit).framework
    assessment = Assessment.objects.create(
        unit=unit, framework=framework, year=year, created_by=framework.imported_by
    )
    for item in framework.items.filter(level=3):
        Score.objects.create(unit=unit, assessment=assessment, item=item)
    return assessment


@isolation_factory("assessment.Score")
def make_score(unit) -> Score:
    return make_assessment(unit).scores.get()


@isolation_factory("assessment.EvidenceFile")
def make_file(unit) -> EvidenceFile:
    assessment = make_assessment(unit)
    item = assessment.framework.items.get(level=3)
    upload = EvidenceFile(
        unit=unit,
        assessment=assessment,
        item=item,
        name="审查记录",
        uploaded_by=assessment.created_by,
    )
    upload.file.save("审查记录.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    upload.save()
    return upload
