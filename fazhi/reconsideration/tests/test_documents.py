"""文书: every kind generated from its template opens with python-docx and holds the case's
fields; the office's own template replaces the default without code changes."""

import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from fazhi.reconsideration import documents, services
from fazhi.reconsideration.models import (
    AcceptanceCondition,
    DocumentKind,
    DocumentTemplate,
    SuspensionGround,
)
from fazhi.reconsideration.tests.factories import accepted, registered

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def generate(officer, case, kind):
    data, name = services.case_generate_document(
        actor=officer, case=case, kind=kind, today=date(2024, 4, 30)
    )
    assert name.endswith(".docx") and case.case_number in name
    return text_of(data)


@time_machine.travel(date(2024, 4, 30), tick=False)
def test_acceptance_reply_suspension_resumption_extension_and_decision_documents(
    recon_officer, recon_head, unit_a
):
    case = accepted(recon_officer, unit_a)
    text = generate(recon_officer, case, DocumentKind.ACCEPTANCE_NOTICE)
    for expected in (
        "行政复议受理通知书",
        case.case_number,
        "张三",
        "2024年3月8日",
        "2024年5月7日",
        "蒸湘区人力资源和社会保障局",
        "普通程序",
    ):
        assert expected in text, expected
    assert "{{" not in text
    text = generate(recon_officer, case, DocumentKind.REPLY_NOTICE)
    assert "十日" in text and "第七十条" in text and case.case_number in text
    case = services.case_suspend(
        actor=recon_officer, case=case, on=date(2024, 4, 10), ground=SuspensionGround.OTHER_CASE
    )
    text = generate(recon_officer, case, DocumentKind.SUSPENSION_NOTICE)
    assert (
        "中止审理" in text and "需要以其他案件的审理结果为依据" in text and "2024年4月10日" in text
    )
    case = services.case_resume(actor=recon_officer, case=case, on=date(2024, 4, 20))
    text = generate(recon_officer, case, DocumentKind.RESUMPTION_NOTICE)
    assert "恢复审理" in text and "2024年4月20日" in text
    case = services.case_extend(
        actor=recon_officer,
        case=case,
        days=20,
        approver=recon_head,
        on=date(2024, 4, 30),
        reason="需要调取补充证据",
    )
    text = generate(recon_officer, case, DocumentKind.EXTENSION_NOTICE)
    assert "20日" in text and "需要调取补充证据" in text and "2024年6月6日" in text
    services.case_update(actor=recon_officer, case=case, written_review_reason="申请人书面陈述意见")
    case.refresh_from_db()
    case = services.case_propose_decision(
        actor=recon_officer,
        case=case,
        outcome="upheld",
        on=date(2024, 4, 30),
        grounds="被申请人认定事实清楚，程序合法。",
    )
    text = generate(recon_officer, case, DocumentKind.DECISION)
    assert (
        "行政复议决定书" in text
        and "维持（第六十八条）" in text
        and "十五日内" in text
        and "认定事实清楚" in text
    )


@time_machine.travel(date(2024, 3, 8), tick=False)
def test_correction_and_rejection_documents(recon_officer, unit_a):
    case = registered(recon_officer, unit_a)
    case = services.case_request_correction(
        actor=recon_officer, case=case, on=date(2024, 3, 6), items="申请人身份证明复印件"
    )
    text = generate(recon_officer, case, DocumentKind.CORRECTION_NOTICE)
    assert "补正" in text and "申请人身份证明复印件" in text and "十个工作日" in text
    other = registered(
        recon_officer, unit_a, applicant_name="李四", applicant_id_number="43040819920315002X"
    )
    other = services.case_reject(
        actor=recon_officer,
        case=other,
        on=date(2024, 3, 8),
        unmet_conditions=[AcceptanceCondition.SCOPE],
        reason="所诉事项为信访答复，不属于行政复议范围。",
    )
    text = generate(recon_officer, other, DocumentKind.REJECTION_DECISION)
    assert "不予受理" in text and "李四" in text and "信访答复" in text and "十五日内" in text


@time_machine.travel(date(2024, 3, 8), tick=False)
def test_a_document_the_case_has_not_reached_is_refused(recon_officer, unit_a):
    case = registered(recon_officer, unit_a)
    with pytest.raises(ValidationError, match="尚不能生成受理通知书"):
        services.case_generate_document(
            actor=recon_officer, case=case, kind=DocumentKind.ACCEPTANCE_NOTICE
        )


def test_default_templates_follow_the_official_page_and_list_only_known_fields():
    for kind in DocumentKind.values:
        data = documents.default_template_bytes(kind)
        assert documents.placeholders_in(data) <= set(documents.FIELDS)
        section = Document(io.BytesIO(data)).sections[0]
        assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28


@time_machine.travel(date(2024, 3, 8), tick=False)
def test_office_template_upload_is_validated_and_then_used(recon_officer, unit_a):
    bad = Document()
    bad.add_paragraph("申请人：{{申请人}}，金额：{{罚款金额}}")
    buffer = io.BytesIO()
    bad.save(buffer)
    with pytest.raises(ValidationError, match="罚款金额"):
        services.template_upload(
            actor=recon_officer,
            unit=recon_officer.unit,
            kind=DocumentKind.ACCEPTANCE_NOTICE,
            uploaded=SimpleUploadedFile("bad.docx", buffer.getvalue()),
        )
    with pytest.raises(ValidationError, match="不是有效的 Word"):
        services.template_upload(
            actor=recon_officer,
            unit=recon_officer.unit,
            kind=DocumentKind.ACCEPTANCE_NOTICE,
            uploaded=SimpleUploadedFile("bad.docx", b"not a zip"),
        )
    assert DocumentTemplate.objects.count() == 0
    own = Document()
    paragraph = own.add_paragraph("本所受理通知：")
    paragraph.add_run("{{案")  # a placeholder split over runs, as Word does
    paragraph.add_run("号}}，申请人{{申请人}}，期限{{决定期限}}。")
    buffer = io.BytesIO()
    own.save(buffer)
    services.template_upload(
        actor=recon_officer,
        unit=recon_officer.unit,
        kind=DocumentKind.ACCEPTANCE_NOTICE,
        uploaded=SimpleUploadedFile("own.docx", buffer.getvalue()),
        note="本机构格式",
    )
    case = accepted(recon_officer, unit_a)
    text = generate(recon_officer, case, DocumentKind.ACCEPTANCE_NOTICE)
    assert text == f"本所受理通知：{case.case_number}，申请人张三，期限2024年5月7日。"
