"""文书 of the legal aid body, from .docx templates with `{{字段}}` placeholders, and the yearly
public notice (A9).

The aid body can replace a shipped template by uploading its own .docx (admin “法律援助文书模板”);
the placeholders it may use are `FIELDS`. The shipped defaults follow GB/T 9704 (A4, margins
37/35/28/26 mm, 仿宋_GB2312 三号 body, 方正小标宋简体 二号 title, fixed 28.95 pt lines).
The identity number appears masked in every document.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.core.dates import cn_date
from fazhi.deadlines.selectors import clock_for
from fazhi.legal_aid.deadlines import REVIEW
from fazhi.legal_aid.models import AidCase, CaseState, DocumentKind, DocumentTemplate
from fazhi.legal_aid.personal import masked_id

PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+?)\s*\}\}")
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
MAX_TEMPLATE_UNCOMPRESSED = 20 * 1024 * 1024

FIELDS: dict[str, str] = {
    "援助机构": "法律援助机构（受理单位名称）",
    "案号": "案号，如 法援〔2024〕12号",
    "申请人": "申请人（受援人）姓名",
    "性别": "申请人性别",
    "身份证号码": "申请人居民身份证号码（脱敏显示）",
    "案件类别": "刑事、民事、行政或法律帮助",
    "诉讼阶段": "刑事案件的诉讼阶段",
    "援助事项": "申请法律援助的事项",
    "申请方式": "申请方式或通知机关",
    "收到日期": "收到申请或通知的日期",
    "审查期限": "审查期限届满日",
    "补正事项": "一次性告知需补正的材料",
    "告知补正日期": "告知补正的日期",
    "决定日期": "作出决定的日期",
    "不予理由": "不予法律援助的理由",
    "承办人": "指派的承办人",
    "承办人类别": "律师、基层法律服务工作者等",
    "承办机构": "承办人所在机构",
    "指派日期": "指派日期",
    "今天": "生成文书的日期",
}


def case_context(case: AidCase, *, today: date | None = None) -> dict[str, str]:
    clock = clock_for(case, REVIEW)
    channel = (
        case.get_notifying_organ_display() + "通知"
        if case.is_notification
        else case.get_channel_display()
    )
    return {
        "援助机构": case.unit.name,
        "案号": case.number,
        "申请人": case.applicant_name,
        "性别": case.get_applicant_gender_display(),
        "身份证号码": masked_id(case.applicant_id_number) or "（未提供）",
        "案件类别": case.get_category_display(),
        "诉讼阶段": case.get_criminal_stage_display() if case.criminal_stage else "",
        "援助事项": case.get_matter_display(),
        "申请方式": channel,
        "收到日期": cn_date(case.received_on),
        "审查期限": cn_date(clock.due_date) if clock else "",
        "补正事项": case.correction_items,
        "告知补正日期": cn_date(case.correction_requested_on),
        "决定日期": cn_date(case.decided_on),
        "不予理由": case.refusal_reason,
        "承办人": case.provider_name,
        "承办人类别": case.get_provider_kind_display() if case.provider_kind else "",
        "承办机构": case.provider_org or case.provider_name,
        "指派日期": cn_date(case.assigned_on),
        "今天": cn_date(today or timezone.localdate()),
    }


OBJECTION_ROUTE = (
    "申请人对本决定有异议的，可以自收到本决定书之日起向设立法律援助机构的司法行政部门提出；"
    "司法行政部门应当自收到异议之日起五日内进行审查，作出维持法律援助机构决定或者责令法律援助机构改正的决定"
    "（《中华人民共和国法律援助法》第四十九条）。"
)

BODIES: dict[str, tuple[str, list[str]]] = {
    DocumentKind.ACCEPTANCE_NOTICE: (
        "法律援助申请受理通知书",
        [
            "{{申请人}}：",
            "你于{{收到日期}}提出的法律援助申请（{{援助事项}}）本机构已收到并受理审查。",
            "根据《中华人民共和国法律援助法》第四十三条的规定，本机构将自收到申请之日起七日内"
            "（即{{审查期限}}前，补正材料期间不计入）作出是否给予法律援助的决定，并书面告知你。",
            "特此通知。",
        ],
    ),
    DocumentKind.CORRECTION_NOTICE: (
        "法律援助申请补正材料通知书",
        [
            "{{申请人}}：",
            "你于{{收到日期}}提出的法律援助申请（{{援助事项}}），经审查，申请材料不齐全。"
            "根据《中华人民共和国法律援助法》第四十三条第二款的规定，现一次性告知你需补充的材料如下：",
            "{{补正事项}}",
            "请按要求及时补充。未按要求补充材料的，视为撤回申请。补充材料期间不计入审查期限。",
            "特此通知。",
        ],
    ),
    DocumentKind.GRANT_DECISION: (
        "给予法律援助决定书",
        [
            "申请人：{{申请人}}，{{性别}}，居民身份证号码{{身份证号码}}。",
            "申请人于{{收到日期}}就{{援助事项}}向本机构申请法律援助。经审查，申请人符合法律援助条件，"
            "根据《中华人民共和国法律援助法》第四十三条的规定，本机构决定给予法律援助，"
            "并将自本决定作出之日起三日内指派律师、基层法律服务工作者或者法律援助志愿者提供法律援助。",
            "受援人应当向承办人如实陈述与法律援助事项有关的情况，及时提供证据材料，协助、配合办理法律援助事项"
            "（《中华人民共和国法律援助法》第五十二条）。",
        ],
    ),
    DocumentKind.REFUSAL_DECISION: (
        "不予法律援助决定书",
        [
            "申请人：{{申请人}}，{{性别}}，居民身份证号码{{身份证号码}}。",
            "申请人于{{收到日期}}就{{援助事项}}向本机构申请法律援助。",
            "经审查，本机构认为：{{不予理由}}",
            "根据《中华人民共和国法律援助法》第四十三条的规定，本机构决定不予法律援助。",
            OBJECTION_ROUTE,
        ],
    ),
    DocumentKind.ASSIGNMENT_NOTICE: (
        "指派通知书",
        [
            "{{承办机构}}：",
            "本机构于{{决定日期}}决定对{{申请人}}（{{案件类别}}，{{援助事项}}）提供法律援助（{{申请方式}}）。"
            "根据《中华人民共和国法律援助法》第四十三条的规定，现指派{{承办人}}（{{承办人类别}}）"
            "承办该法律援助事项。",
            "请承办人自接受指派之日起及时与受援人联系，依法提供符合标准的法律援助服务；法律援助事项办理结束后，"
            "应当向本机构提交有关法律文书的副本或者复印件、办理情况报告等材料"
            "（《中华人民共和国法律援助法》第五十条）。",
            "指派日期：{{指派日期}}。",
        ],
    ),
}

# The case's progress a kind needs, and why it is not yet available.
READY = {
    DocumentKind.ACCEPTANCE_NOTICE: (
        lambda c: not c.is_notification,
        "办案机关通知的案件无需受理通知",
    ),
    DocumentKind.CORRECTION_NOTICE: (
        lambda c: c.correction_requested_on is not None,
        "尚未一次性告知补正",
    ),
    DocumentKind.GRANT_DECISION: (lambda c: c.granted_on is not None, "尚未决定给予法律援助"),
    DocumentKind.REFUSAL_DECISION: (
        lambda c: c.state in (CaseState.REFUSED, CaseState.OBJECTION) or bool(c.refusal_reason),
        "尚未决定不予法律援助",
    ),
    DocumentKind.ASSIGNMENT_NOTICE: (lambda c: c.assigned_on is not None, "尚未指派承办人"),
}


def available_kinds(case: AidCase) -> dict[str, str]:
    return {kind: label for kind, label in DocumentKind.choices if READY[kind][0](case)}


def check_available(case: AidCase, kind: str) -> None:
    if kind not in DocumentKind.values:
        raise ValidationError(f"未知的文书种类：{kind}")
    ready, reason = READY[kind]
    if not ready(case):
        raise ValidationError(f"{reason}，不能生成{DocumentKind(kind).label}。")


# --- building .docx -----------------------------------------------------------------------


def _set_font(run, name: str, size: float) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def paragraph(document, text: str, *, font="仿宋_GB2312", size=16.0, align=None, indent=True):
    para = document.add_paragraph()
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.95)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        para.alignment = align
    _set_font(para.add_run(text), font, size)
    return para


def gongwen_document(heading: str, title: str):
    """An empty A4 document with the GB/T 9704 margins, the body's name and the title."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    for text in (heading, title):
        paragraph(
            document,
            text,
            font="方正小标宋简体",
            size=22,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            indent=False,
        )
    return document


def build_default_template(kind: str):
    title, body = BODIES[kind]
    document = gongwen_document("{{援助机构}}", title)
    paragraph(document, "{{案号}}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    for text in body:
        addressed = text.startswith("{{") and text.endswith("：")
        paragraph(document, text, indent=not addressed)
    paragraph(document, "", indent=False)
    paragraph(document, "{{援助机构}}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    paragraph(document, "{{今天}}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    return document


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def default_template_bytes(kind: str) -> bytes:
    return to_bytes(build_default_template(kind))


def _all_paragraphs(document) -> Iterable:
    def walk(container):
        yield from container.paragraphs
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(document)
    for section in document.sections:
        for part in (section.header, section.footer):
            yield from walk(part)


def _open(data: bytes):
    if len(data) > MAX_TEMPLATE_BYTES:
        raise ValidationError("模板文件过大（超过 2 MB）。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_TEMPLATE_UNCOMPRESSED:
                raise ValidationError("模板文件解压后过大，已拒绝。")
        return Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise ValidationError("模板文件不是有效的 Word（.docx）文件。") from None


def validate_template(data: bytes) -> set[str]:
    """Refuse a file that is not a .docx, or uses placeholders the system cannot fill."""
    used = {n for p in _all_paragraphs(_open(data)) for n in PLACEHOLDER.findall(p.text)}
    unknown = sorted(used - set(FIELDS))
    if unknown:
        names = "、".join(f"{{{{{n}}}}}" for n in unknown)
        raise ValidationError(f"模板中有无法识别的字段：{names}。")
    if not used:
        raise ValidationError("模板中没有任何 {{字段}} 占位符。")
    return used


def _fill(paragraph_, values: dict[str, str]) -> None:
    if "{{" not in paragraph_.text or not paragraph_.runs:
        return
    filled = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), paragraph_.text)
    paragraph_.runs[0].text = filled
    for run in paragraph_.runs[1:]:
        run.text = ""


def template_bytes(case: AidCase, kind: str) -> bytes:
    template = DocumentTemplate.objects.filter(unit=case.unit, kind=kind, active=True).first()
    if template is not None:
        with template.file.open("rb") as handle:
            return handle.read()
    return default_template_bytes(kind)


def render(case: AidCase, kind: str, *, today: date | None = None) -> bytes:
    """The 文书 of `kind` for `case`, filled from its fields (refused before its step)."""
    check_available(case, kind)
    document = _open(template_bytes(case, kind))
    values = case_context(case, today=today)
    for para in _all_paragraphs(document):
        _fill(para, values)
    return to_bytes(document)


def file_name(case: AidCase, kind: str) -> str:
    return f"{case.number}{DocumentKind(kind).label}.docx"


def public_notice(notice, *, unit_name: str) -> bytes:
    """The yearly public notice (A9, 第五十八条) as a .docx, from `selectors.public_notice`."""
    document = gongwen_document(unit_name, f"{notice.year}年度法律援助工作情况公示")
    lines = [
        f"根据《中华人民共和国法律援助法》第五十八条的规定，现将本机构{notice.year}年度法律援助工作情况公示如下：",
        f"一、案件办理。全年受理法律援助案件{notice.cases}件，其中"
        + "，".join(f"{label}{count}件" for label, count in notice.by_category)
        + f"；办结{notice.closed}件。接待来访咨询{notice.visits}人次，来电咨询{notice.calls}人次。",
        f"二、经费使用。全年支付办案补贴{notice.subsidy_display}，涉及结案{notice.subsidised}件。",
        f"三、质量评估。开展质量检查{notice.checks}次（"
        + "，".join(f"{label}{count}次" for label, count in notice.checks_by_kind)
        + f"），合格{notice.checks_passed}次，不合格{notice.checks_failed}次。",
        "欢迎社会各界监督。",
    ]
    for text in lines:
        paragraph(document, text)
    paragraph(document, "", indent=False)
    paragraph(document, unit_name, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    paragraph(document, cn_date(notice.on), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    return to_bytes(document)
