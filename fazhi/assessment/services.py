"""Writes of the 示范创建 assessment: the framework from the office's file, the year's
assessment, self-scores, the office's review and gaps, uploaded evidence. Only the office of
the division (依法治区办) writes here."""

from __future__ import annotations

import os
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.assessment.models import Assessment, EvidenceFile, Framework, Item, Score
from fazhi.assessment.tree import check_tree
from fazhi.core.access import office_covers

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
EVIDENCE_EXTENSIONS = {".pdf", ".ofd", ".doc", ".docx", ".xls", ".xlsx", ".jpg", ".jpeg", ".png"}


def _require_office(actor, unit) -> None:
    if not office_covers(actor, unit):
        raise PermissionDenied("示范创建评估由依法治区办工作人员办理。")


def framework_store(
    *, actor, rows: list[dict], name: str, note: str = "", is_sample=False, source_file: str = ""
) -> int:
    """Store a checked tree as one framework; returns the number of third-level indicators."""
    _require_office(actor, actor.unit)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "请填写指标体系名称。"})
    firsts, collector = check_tree(rows)
    collector.raise_if_any()
    total = sum((first["score"] for first in firsts), Decimal(0))
    framework = Framework.objects.create(
        unit=actor.unit,
        name=name,
        note=note,
        is_sample=is_sample,
        total_score=total,
        source_file=source_file[:200],
        imported_by=actor,
    )
    order = 0
    leaves = 0
    for i, first in enumerate(firsts, start=1):
        order += 1
        first_item = Item.objects.create(
            unit=actor.unit,
            framework=framework,
            level=1,
            number=str(i),
            name=first["name"],
            score=first["score"],
            order=order,
        )
        for j, second in enumerate(first["children"].values(), start=1):
            order += 1
            second_item = Item.objects.create(
                unit=actor.unit,
                framework=framework,
                parent=first_item,
                level=2,
                number=f"{i}.{j}",
                name=second["name"],
                score=second["score"],
                order=order,
            )
            for leaf in second["leaves"]:
                order += 1
                leaves += 1
                Item.objects.create(
                    unit=actor.unit,
                    framework=framework,
                    parent=second_item,
                    level=3,
                    number=leaf["number"],
                    name=leaf["name"],
                    score=leaf["score"],
                    guidance=leaf.get("guidance") or "",
                    evidence=leaf["evidence"],
                    order=order,
                )
    return leaves


@transaction.atomic
def assessment_create(*, actor, framework: Framework, year: int) -> Assessment:
    """Open the year's assessment: one score line per third-level indicator."""
    _require_office(actor, framework.unit)
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": "评估年度应为 2000 至 2100 之间的四位数字。"})
    assessment = Assessment(unit=framework.unit, framework=framework, year=year, created_by=actor)
    assessment.full_clean()
    assessment.save()
    Score.objects.bulk_create(
        Score(unit=framework.unit, assessment=assessment, item=item)
        for item in framework.items.filter(level=3)
    )
    return assessment


def _checked_score(value, item: Item, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except ArithmeticError as exc:
        raise ValidationError({field: f"“{value}”不是数字。"}) from exc
    if number < 0 or number > item.score:
        raise ValidationError({field: f"得分应在 0 至 {item.score} 分之间。"})
    return number


def score_self(*, actor, score: Score, value, note: str = "") -> Score:
    """自评: the score the division gives itself for one third-level indicator."""
    _require_office(actor, score.unit)
    score.self_score = _checked_score(value, score.item, "self_score")
    score.self_note = (note or "").strip()
    score.self_by = actor if score.self_score is not None else None
    score.save(update_fields=["self_score", "self_note", "self_by", "updated_at"])
    return score


def score_review(*, actor, score: Score, value, note: str = "", gap: str = "") -> Score:
    """复核: the office's score, its opinion, and the gap to close (required when points are
    lost)."""
    _require_office(actor, score.unit)
    value = _checked_score(value, score.item, "review_score")
    gap = (gap or "").strip()
    if value is not None and value < score.item.score and not gap:
        raise ValidationError({"gap": "复核得分低于分值的，请填写差距与整改措施。"})
    score.review_score = value
    score.review_note = (note or "").strip()
    score.gap = gap
    score.reviewed_by = actor if value is not None else None
    score.save(update_fields=["review_score", "review_note", "gap", "reviewed_by", "updated_at"])
    return score


def evidence_upload(
    *, actor, assessment: Assessment, item: Item, upload, name: str = ""
) -> EvidenceFile:
    """佐证材料 for one third-level indicator (PDF, OFD, Word, Excel or an image; at most 20 MB)."""
    _require_office(actor, assessment.unit)
    if item.framework_id != assessment.framework_id or item.level != 3:
        raise ValidationError("只能为本评估的三级指标上传佐证材料。")
    if upload is None:
        raise ValidationError("请选择要上传的文件。")
    extension = os.path.splitext(upload.name)[1].lower()
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError("佐证材料应为 PDF、OFD、Word、Excel 或图片文件。")
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError("文件过大（上限 20 MB）。")
    return EvidenceFile.objects.create(
        unit=assessment.unit,
        assessment=assessment,
        item=item,
        name=(name or "").strip()[:200] or upload.name[:200],
        file=upload,
        uploaded_by=actor,
    )
