"""Import templates that help: drop-downs for enumerated columns, date styles, notes and a
sample row; the filled template imports as it is."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.imports import run_import
from fazhi.review.imports import REVIEW_IMPORT
from fazhi.review.models import Outcome, ReviewRequest, SubjectType

pytestmark = pytest.mark.django_db


def template(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:review_reviewrequest_import_template"))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_the_template_offers_drop_downs_formats_notes_and_a_sample_row(client, clerk_a):
    book = template(client, clerk_a)
    assert book.sheetnames == ["导入数据", "填写说明", "选项"]
    data = book["导入数据"]
    headers = [c.value for c in data[1]]
    assert headers == [c.header for c in REVIEW_IMPORT.columns]
    assert data.max_row == 1  # no data rows: nothing of the template is imported by mistake
    lists = book["选项"]
    columns = {lists.cell(row=1, column=i).value: i for i in range(1, lists.max_column + 1)}
    subject = columns["审查对象类型（可选值）"]
    offered = [lists.cell(row=r, column=subject).value for r in range(2, lists.max_row + 1)]
    assert [v for v in offered if v] == [str(label) for label in SubjectType.labels]
    validations = {str(v.sqref): v for v in data.data_validations.dataValidation}
    subject_column = "B"  # 审查对象类型 is the second column
    (dropdown,) = [v for ref, v in validations.items() if ref.startswith(f"{subject_column}2:")]
    assert dropdown.type == "list" and "'选项'!$" in dropdown.formula1
    assert dropdown.showErrorMessage  # only the listed labels are accepted
    (unit_list,) = [v for ref, v in validations.items() if ref.startswith("A2:")]
    assert unit_list.type == "list" and not unit_list.showErrorMessage  # a suggestion
    assert lists.cell(row=2, column=columns["送审单位（可选值）"]).value == clerk_a.unit.name
    assert data.column_dimensions["D"].number_format == "yyyy-mm-dd"  # 送审日期
    (date_prompt,) = [v for ref, v in validations.items() if ref.startswith("D2:")]
    assert "2024.5.20" in date_prompt.prompt and "2024年5月20日" in date_prompt.prompt
    assert data["A1"].comment is not None and "必填" in data["A1"].comment.text
    notes = [row[0] for row in book["填写说明"].iter_rows(values_only=True) if row and row[0]]
    assert any("不要修改、删除或移动第1行的表头" in str(line) for line in notes)
    sample = list(book["填写说明"].iter_rows(values_only=True))[-1]
    assert sample[1] == str(SubjectType.labels[0]) and sample[3] == "2024-05-20"


def test_the_filled_template_imports_with_the_common_date_styles(client, clerk_a, justice_bureau):
    book = template(client, clerk_a)
    data = book["导入数据"]
    decided = Outcome.APPROVED.label
    data.append(
        [
            clerk_a.unit.name,
            str(SubjectType.labels[0]),
            "关于就业补贴的通知",
            "2024.5.20",
            decided,
            "2024年5月28日",
            "同意",
            None,
        ]
    )
    data.append(
        [
            clerk_a.unit.name,
            str(SubjectType.labels[0]),
            "关于培训补贴的通知",
            date(2024, 6, 3),
            decided,
            "2024/6/10",
            "同意",
            None,
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    result = run_import(REVIEW_IMPORT, buffer.getvalue(), actor=clerk_a)
    assert result.created == 2
    stored = dict(ReviewRequest.objects.values_list("title", "submitted_on"))
    assert stored == {
        "关于就业补贴的通知": date(2024, 5, 20),
        "关于培训补贴的通知": date(2024, 6, 3),
    }
    issued = dict(ReviewRequest.objects.values_list("title", "opinion_issued_on"))
    assert issued["关于就业补贴的通知"] == date(2024, 5, 28)
    assert issued["关于培训补贴的通知"] == date(2024, 6, 10)
