"""The 申报表 (.xlsx): the tree with scores, the platform's evidence and the gap list."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from fazhi.core.xlsx import escape_cell

HEADERS = [
    "序号",
    "指标",
    "层级",
    "分值",
    "自评得分",
    "复核得分",
    "自评说明",
    "复核意见",
    "平台佐证",
    "佐证材料",
    "差距与整改",
]
GAP_HEADERS = ["序号", "三级指标", "分值", "得分", "失分", "问题（平台核查与材料）", "差距与整改"]
LEVELS = {1: "一级", 2: "二级", 3: "三级"}
BOLD = Font(bold=True)
SHADE = PatternFill("solid", fgColor="EEF2F7")


def _number(value):
    return float(value) if value is not None else None


def _evidence_text(node) -> str:
    return "；".join(
        f"{e.kind_label}：{e.label}" + (f"（{e.value}）" if e.value else "") for e in node.evidence
    )


def _rows(node):
    if node.item.level == 3:
        score = node.score
        yield [
            node.item.number,
            node.item.name,
            LEVELS[3],
            _number(node.item.score),
            _number(score.self_score if score else None),
            _number(score.review_score if score else None),
            score.self_note if score else "",
            score.review_note if score else "",
            _evidence_text(node),
            "、".join(f.name for f in node.files),
            score.gap if score else "",
        ]
        return
    yield [
        node.item.number,
        node.item.name,
        LEVELS[node.item.level],
        _number(node.item.score),
        _number(node.self_total),
        _number(node.review_total),
        "",
        "",
        "",
        "",
        "",
    ]
    for child in node.children:
        yield from _rows(child)


def declaration_workbook(tree) -> bytes:
    """`tree`: `selectors.assessment_tree(...)` (its roots, leaves, totals and gaps)."""
    assessment = tree.assessment
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "申报表"
    sheet.append(
        [f"{assessment.unit.division.name}{assessment.year}年度法治政府建设示范创建自评表"]
    )
    sheet.append(
        [f"指标体系：{assessment.framework}（总分 {assessment.framework.total_score} 分）"]
    )
    sheet.append(HEADERS)
    header_row = sheet.max_row
    for root in tree.roots:
        for row in _rows(root):
            sheet.append([escape_cell(v) for v in row])
            if row[2] != LEVELS[3]:
                for cell in sheet[sheet.max_row]:
                    cell.font = BOLD
                    cell.fill = SHADE
    sheet.append(
        [
            "合计",
            "",
            "",
            _number(assessment.framework.total_score),
            _number(tree.self_total),
            _number(tree.review_total),
            "",
            "",
            "",
            "",
            "",
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for cell in sheet[header_row]:
        cell.font = BOLD
    sheet["A1"].font = Font(bold=True, size=14)
    for column, width in zip("ABCDEFGHIJK", (8, 48, 6, 7, 9, 9, 24, 24, 48, 24, 30), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)

    gaps = workbook.create_sheet("差距清单")
    gaps.append(GAP_HEADERS)
    for cell in gaps[1]:
        cell.font = BOLD
    for node in tree.gaps:
        final = node.score.final_score if node.score else None
        issues = "；".join(
            f"{e.kind_label}：{e.label}（{e.value}）" for e in node.evidence if e.attention
        )
        gaps.append(
            [
                escape_cell(v)
                for v in (
                    node.item.number,
                    node.item.name,
                    _number(node.item.score),
                    _number(final),
                    _number(node.item.score - final) if final is not None else None,
                    issues or ("尚未评分" if final is None else ""),
                    node.score.gap if node.score else "",
                )
            ]
        )
    for column, width in zip("ABCDEFG", (8, 48, 7, 7, 7, 48, 40), strict=True):
        gaps.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
