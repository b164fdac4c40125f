"""The 示范创建 assessment: the office's file as a tree, evidence that resolves, scores, the
office's review, the gap list and the 申报表 export."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from fazhi.advisors.tests.factories import make_contract
from fazhi.assessment import imports, selectors, services
from fazhi.assessment.documents import declaration_workbook
from fazhi.assessment.models import Framework, Item, Score
from fazhi.assessment.sample import sample_workbook
from fazhi.assessment.tree import HEADERS
from fazhi.core.imports import run_import
from fazhi.core.xlsx import ImportProblems

pytestmark = pytest.mark.django_db


def workbook(rows) -> bytes:
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# a small framework typed here: 30 points in two first-level indicators
SMALL = [
    [
        "一、依法决策",
        20,
        "（一）法律顾问",
        20,
        "1.1.1",
        "部门法律顾问全覆盖",
        12,
        "每缺一个扣4分",
        "核查：未聘请法律顾问的部门；台账：法律顾问合同",
    ],
    [
        "一、依法决策",
        20,
        "（一）法律顾问",
        20,
        "1.1.2",
        "法律顾问参与决策",
        8,
        "",
        "材料：参与决策记录",
    ],
    [
        "二、组织领导",
        10,
        "（一）年度报告",
        10,
        "2.1.1",
        "按时公开年度报告",
        10,
        "",
        "指标：区直部门法律顾问覆盖率；台账：年度报告",
    ],
]


def load(office, rows=SMALL, name="示范指标体系（试行）") -> Framework:
    run_import(imports.framework_spec(name=name), workbook(rows), actor=office)
    return Framework.objects.get(name=name)


def test_the_sample_loads_as_a_tree_of_nine_areas_and_a_thousand_points(office_staff):
    result = run_import(
        imports.framework_spec(name="示例", is_sample=True), sample_workbook(), actor=office_staff
    )
    framework = Framework.objects.get()
    assert result.created == 28 and framework.is_sample
    assert framework.total_score == 1000
    counts = [framework.items.filter(level=level).count() for level in (1, 2, 3)]
    assert counts == [9, 20, 28]
    first = framework.items.get(level=1, number="1")
    assert first.name == "一、政府机构职能体系健全" and first.score == 100
    assert [c.score for c in first.children.order_by("order")] == [50, 50]


def test_a_file_whose_scores_do_not_add_up_or_names_unknown_evidence_writes_nothing(
    office_staff,
):
    rows = [list(r) for r in SMALL]
    rows[1][6] = 9  # 12 + 9 ≠ 20
    rows[2][8] = "指标：不存在的指标；卷宗：年度报告"
    with pytest.raises(ImportProblems) as problems:
        load(office_staff, rows)
    assert [str(e) for e in problems.value.errors] == [
        "第4行“平台佐证”列：平台没有名为“不存在的指标”的指标（见统计与报告 › 指标目录）",
        "第4行“平台佐证”列：“卷宗：年度报告”应写成“指标：名称”“核查：名称”“台账：名称”或“材料：名称”",
        "第2行“二级分值”列：三级指标分值之和为21，与二级分值20不符",
    ]
    assert not Framework.objects.exists() and not Item.objects.exists()


def test_only_the_office_loads_a_framework(clerk_a):
    with pytest.raises(Exception, match="依法治区办"):
        load(clerk_a)
    assert not Framework.objects.exists()


def test_every_evidence_link_of_the_sample_resolves_for_the_office(
    verified_client, office_staff, unit_a
):
    run_import(imports.framework_spec(name="示例"), sample_workbook(), actor=office_staff)
    assessment = services.assessment_create(
        actor=office_staff, framework=Framework.objects.get(), year=2024
    )
    tree = selectors.assessment_tree(assessment=assessment, user=office_staff)
    client = verified_client(office_staff)
    links = [(leaf.item.number, e) for leaf in tree.leaves for e in leaf.evidence]
    assert len(tree.leaves) == 28 and links
    assert [number for number, e in links if not e.url] == []
    for number, evidence in links:
        response = client.get(evidence.url.split("#")[0])
        assert response.status_code == 200, (number, evidence.label, evidence.url)


def test_scores_review_gaps_and_the_declaration_table(office_staff, unit_a, unit_b, justice_bureau):
    for unit in (unit_b, justice_bureau):  # unit_a is the one department without an advisor
        make_contract(unit, start_date=date(2024, 1, 1), end_date=date(2024, 12, 31))
    framework = load(office_staff)
    assessment = services.assessment_create(actor=office_staff, framework=framework, year=2024)
    scores = {s.item.number: s for s in Score.objects.select_related("item")}
    services.score_self(actor=office_staff, score=scores["1.1.1"], value="12", note="全覆盖")
    services.score_self(actor=office_staff, score=scores["1.1.2"], value="8")
    services.score_self(actor=office_staff, score=scores["2.1.1"], value="10")
    with pytest.raises(ValidationError, match="0 至 12.0 分"):
        services.score_review(actor=office_staff, score=scores["1.1.1"], value="13")
    with pytest.raises(ValidationError, match="差距与整改"):
        services.score_review(actor=office_staff, score=scores["1.1.1"], value="8")
    services.score_review(
        actor=office_staff,
        score=scores["1.1.1"],
        value="8",
        note="一个部门未聘请",
        gap="督促人社局年内签订法律顾问合同",
    )
    services.score_review(actor=office_staff, score=scores["2.1.1"], value="10")
    services.evidence_upload(
        actor=office_staff,
        assessment=assessment,
        item=scores["1.1.2"].item,
        upload=SimpleUploadedFile("记录.pdf", b"%PDF-1.4"),
        name="参与决策记录",
    )

    tree = selectors.assessment_tree(assessment=assessment, user=office_staff)
    assert (tree.self_total, tree.review_total, tree.final_total) == (30, 18, 26)
    (advisor_check,) = [e for e in tree.leaves[0].evidence if e.kind == "check"]
    assert advisor_check.value == "发现 1 项" and advisor_check.attention
    assert [leaf.item.number for leaf in tree.gaps] == ["1.1.1"]  # 8 < 12 and a finding

    data = documents_of(assessment, office_staff)
    sheet = data["申报表"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    by_number = {r[0]: r for r in rows}
    assert by_number["1"][3:6] == [20, 20, 8]  # 一级: 分值, 自评, 复核
    assert by_number["1.1.1"][3:6] == [12, 12, 8]
    assert by_number["1.1.1"][10] == "督促人社局年内签订法律顾问合同"
    assert "核查：未聘请法律顾问的部门（发现 1 项）" in by_number["1.1.1"][8]
    assert by_number["1.1.2"][9] == "参与决策记录"
    assert rows[-1][:6] == ["合计", None, None, 30, 30, 18]
    gaps = [[c.value for c in row] for row in data["差距清单"].iter_rows(min_row=2)]
    assert gaps == [
        [
            "1.1.1",
            "部门法律顾问全覆盖",
            12,
            8,
            4,
            "核查：未聘请法律顾问的部门（发现 1 项）",
            "督促人社局年内签订法律顾问合同",
        ]
    ]


def documents_of(assessment, user):
    tree = selectors.assessment_tree(assessment=assessment, user=user)
    return load_workbook(io.BytesIO(declaration_workbook(tree)))


def test_pages_export_and_isolation(verified_client, client, office_staff, clerk_a, unit_a):
    framework = load(office_staff)
    assessment = services.assessment_create(actor=office_staff, framework=framework, year=2024)
    office = verified_client(office_staff)
    page = office.get(reverse("assessment:detail", args=[assessment.pk])).content.decode()
    assert "部门法律顾问全覆盖" in page and "导出申报表" in page
    response = office.get(reverse("assessment:export", args=[assessment.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["申报表", "差距清单"]
    sample = office.get(reverse("assessment:sample"))
    assert load_workbook(io.BytesIO(sample.content)).sheetnames == ["指标体系", "填写说明"]
    client.force_login(clerk_a)
    assert client.get(reverse("assessment:detail", args=[assessment.pk])).status_code == 403
    assert Decimal(framework.total_score) == 30
