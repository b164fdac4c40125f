"""文书 of the reconsideration office, generated from .docx templates with `{{字段}}` placeholders.

The office can replace any template by uploading its own .docx (admin “文书模板”) without a code
change; the placeholders it may use are listed in `FIELDS` (and in docs/reconsideration.md).
Without an uploaded template the shipped default is used; it follows GB/T 9704 (A4, margins
37/35/28/26 mm, 仿宋_GB2312 三号 body, 方正小标宋简体 二号 title, fixed 28.95 pt lines).
"""

from __future__ import annotations

import io
import re
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
from fazhi.reconsideration.models import (
    DECISION_DOCUMENT_OUTCOMES,
    CaseStatus,
    DocumentKind,
    DocumentTemplate,
    ReconsiderationCase,
)

PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+?)\s*\}\}")
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
MAX_TEMPLATE_UNCOMPRESSED = 20 * 1024 * 1024

# Placeholder → what it holds. Everything a template may use; unknown names are refused on upload.
FIELDS: dict[str, str] = {
    "复议机关": "行政复议机关名称（本级人民政府）",
    "复议机构": "办理案件的行政复议机构（单位名称）",
    "案号": "案号，如 蒸政复〔2024〕12号",
    "文号": "决定书文号（默认同案号）",
    "申请人": "申请人姓名或名称",
    "申请人证件": "申请人证件类型及号码",
    "申请人地址": "申请人住所或通讯地址",
    "法定代表人": "法定代表人或负责人",
    "第三人": "第三人（多个以顿号分隔）",
    "代理人": "委托代理人",
    "被申请人": "被申请人名称",
    "行政行为": "被申请复议的行政行为",
    "行政行为文号": "行政行为文号",
    "行为作出日期": "行政行为作出日期",
    "复议请求": "行政复议请求",
    "事实理由": "主要事实和理由",
    "申请方式": "申请方式",
    "收到日期": "收到申请日期",
    "受理日期": "受理日期",
    "审理程序": "普通程序或简易程序",
    "决定期限": "行政复议决定期限届满日",
    "决定期限天数": "决定期限（六十日或三十日）",
    "补正事项": "需要补正的事项",
    "补正期限": "补正期限届满日（如已确定）",
    "不予受理理由": "不予受理的理由",
    "有管辖权机关": "有管辖权的行政复议机关",
    "答复期限天数": "被申请人提出书面答复的期限",
    "中止原因": "中止审理的情形",
    "中止日期": "中止日期",
    "恢复日期": "恢复审理日期",
    "延长天数": "延长的天数",
    "延期理由": "延期理由",
    "延期后期限": "延长后的决定期限届满日",
    "决定结果": "决定的结案方式",
    "决定理由": "决定理由",
    "办结日期": "作出决定日期",
    "今天": "生成文书的日期",
}


def case_context(case: ReconsiderationCase, *, today: date | None = None) -> dict[str, str]:
    """The value of every placeholder for `case`."""
    parties = list(case.parties.all())
    third = "、".join(p.name for p in parties if p.role == "third_party")
    agents = "、".join(p.name for p in parties if p.role == "agent")
    suspension = case.suspensions.order_by("-started_on").first()
    government = (
        case.unit.parent.name
        if case.unit.parent_id and case.unit.parent.kind == "government"
        else case.unit.name
    )
    decision_days = "三十日" if case.procedure == "simple" else "六十日"
    reply_days = "五日" if case.procedure == "simple" else "十日"
    return {
        "复议机关": government,
        "复议机构": case.unit.name,
        "案号": case.case_number,
        "文号": case.decision_number or case.case_number,
        "申请人": case.applicant_name,
        "申请人证件": f"{case.get_applicant_id_type_display()} {case.applicant_id_number}",
        "申请人地址": case.applicant_address,
        "法定代表人": case.applicant_representative,
        "第三人": third or "无",
        "代理人": agents or "无",
        "被申请人": case.respondent_unit.name,
        "行政行为": case.act_description,
        "行政行为文号": case.act_document_number,
        "行为作出日期": cn_date(case.act_date),
        "复议请求": case.request,
        "事实理由": "\n".join(x for x in (case.facts, case.reasons) if x),
        "申请方式": case.get_channel_display(),
        "收到日期": cn_date(case.received_on),
        "受理日期": cn_date(case.accepted_on),
        "审理程序": case.get_procedure_display(),
        "决定期限": cn_date(case.decision_due_on),
        "决定期限天数": decision_days,
        "补正事项": case.correction_items,
        "补正期限": cn_date(case.correction_due_on),
        "不予受理理由": case.not_accepted_reason,
        "有管辖权机关": case.competent_organ,
        "答复期限天数": reply_days,
        "中止原因": suspension.get_ground_display() if suspension else "",
        "中止日期": cn_date(suspension.started_on) if suspension else "",
        "恢复日期": cn_date(suspension.resumed_on) if suspension else "",
        "延长天数": f"{case.extension_days}日" if case.extension_days else "",
        "延期理由": case.extension_reason,
        "延期后期限": cn_date(case.decision_due_on) if case.extension_days else "",
        "决定结果": case.get_outcome_display() if case.outcome else "",
        "决定理由": case.outcome_grounds,
        "办结日期": cn_date(case.closed_on),
        "今天": cn_date(today or timezone.localdate()),
    }


# --- the shipped defaults -----------------------------------------------------------------

LITIGATION_NOTICE = "如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。"

BODIES: dict[str, tuple[str, list[str]]] = {
    DocumentKind.ACCEPTANCE_NOTICE: (
        "行政复议受理通知书",
        [
            "{{申请人}}：",
            "你（单位）于{{收到日期}}提出的行政复议申请收悉。被申请人：{{被申请人}}；"
            "被申请复议的行政行为：{{行政行为}}（{{行政行为文号}}）；行政复议请求：{{复议请求}}。",
            "经审查，该申请符合《中华人民共和国行政复议法》第三十条第一款规定的受理条件，"
            "本机关决定自{{受理日期}}起受理，适用{{审理程序}}审理。",
            "本机关将依照《中华人民共和国行政复议法》第六十二条的规定，自受理之日起{{决定期限天数}}内，"
            "即于{{决定期限}}前作出行政复议决定（中止审理期间不计入）。",
            "特此通知。",
        ],
    ),
    DocumentKind.REJECTION_DECISION: (
        "不予受理行政复议申请决定书",
        [
            "申请人：{{申请人}}，{{申请人证件}}，住所地{{申请人地址}}。",
            "被申请人：{{被申请人}}。",
            "申请人于{{收到日期}}对被申请人作出的{{行政行为}}（{{行政行为文号}}）不服，向本机关提出行政复议申请。",
            "经审查，本机关认为：{{不予受理理由}}",
            "根据《中华人民共和国行政复议法》第三十条第二款的规定，本机关决定不予受理。{{有管辖权机关}}",
            LITIGATION_NOTICE,
        ],
    ),
    DocumentKind.CORRECTION_NOTICE: (
        "行政复议申请补正通知书",
        [
            "{{申请人}}：",
            "你（单位）于{{收到日期}}提出的行政复议申请收悉。经审查，申请材料不齐全或者表述不清楚，"
            "根据《中华人民共和国行政复议法》第三十一条的规定，请补正以下事项：",
            "{{补正事项}}",
            "请自收到本通知之日起十个工作日内提交补正材料。无正当理由逾期不补正的，视为放弃行政复议申请。",
            "特此通知。",
        ],
    ),
    DocumentKind.REPLY_NOTICE: (
        "提出行政复议答复通知书",
        [
            "{{被申请人}}：",
            "申请人{{申请人}}对你单位作出的{{行政行为}}（{{行政行为文号}}）不服，向本机关申请行政复议，"
            "本机关已于{{受理日期}}依法受理（{{案号}}）。现将行政复议申请书副本发送你单位。",
            "根据《中华人民共和国行政复议法》第四十八条（简易程序为第五十四条）的规定，请自收到申请书副本之日起"
            "{{答复期限天数}}内，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。",
            "逾期不提出书面答复、不提交证据依据的，视为该行政行为没有证据、依据（《中华人民共和国行政复议法》第七十条）。",
            "特此通知。",
        ],
    ),
    DocumentKind.SUSPENSION_NOTICE: (
        "行政复议中止审理通知书",
        [
            "{{申请人}}、{{被申请人}}：",
            "本机关受理的{{申请人}}不服{{被申请人}}{{行政行为}}一案（{{案号}}），因{{中止原因}}，"
            "根据《中华人民共和国行政复议法》第三十九条的规定，本机关决定自{{中止日期}}起中止审理。",
            "中止的原因消除后，本机关将及时恢复审理并书面告知。",
            "特此通知。",
        ],
    ),
    DocumentKind.RESUMPTION_NOTICE: (
        "行政复议恢复审理通知书",
        [
            "{{申请人}}、{{被申请人}}：",
            "本机关于{{中止日期}}中止审理的{{申请人}}不服{{被申请人}}{{行政行为}}一案（{{案号}}），中止的原因已经消除，"
            "根据《中华人民共和国行政复议法》第三十九条第二款的规定，本机关决定自{{恢复日期}}起恢复审理。",
            "特此通知。",
        ],
    ),
    DocumentKind.EXTENSION_NOTICE: (
        "行政复议延期审理通知书",
        [
            "{{申请人}}、{{被申请人}}：",
            "本机关于{{受理日期}}受理的{{申请人}}不服{{被申请人}}{{行政行为}}一案（{{案号}}），因{{延期理由}}，"
            "不能在规定期限内作出行政复议决定。经行政复议机构负责人批准，根据《中华人民共和国行政复议法》"
            "第六十二条第一款的规定，决定延长{{延长天数}}，延长后的决定期限至{{延期后期限}}。",
            "特此通知。",
        ],
    ),
    DocumentKind.DECISION: (
        "行政复议决定书",
        [
            "申请人：{{申请人}}，{{申请人证件}}，住所地{{申请人地址}}。",
            "委托代理人：{{代理人}}。",
            "被申请人：{{被申请人}}。",
            "第三人：{{第三人}}。",
            "申请人不服被申请人于{{行为作出日期}}作出的{{行政行为}}（{{行政行为文号}}），于{{收到日期}}向本机关申请行政复议，"
            "本机关于{{受理日期}}依法受理，适用{{审理程序}}审理。本案现已审理终结。",
            "申请人请求：{{复议请求}}",
            "申请人称：{{事实理由}}",
            "被申请人称：",
            "经审理查明：",
            "本机关认为：{{决定理由}}",
            "根据《中华人民共和国行政复议法》的规定，本机关决定：{{决定结果}}。",
            LITIGATION_NOTICE,
        ],
    ),
}


def _set_font(run, name: str, size: float) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(document, text: str, *, font="仿宋_GB2312", size=16.0, align=None, indent=True):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.95)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    _set_font(paragraph.add_run(text), font, size)
    return paragraph


def build_default_template(kind: str):
    """The shipped default template of `kind` as a python-docx Document (placeholders unfilled)."""
    title, body = BODIES[kind]
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _paragraph(
        document,
        "{{复议机关}}",
        font="方正小标宋简体",
        size=22,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    _paragraph(
        document,
        title,
        font="方正小标宋简体",
        size=22,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    _paragraph(
        document,
        "{{文号}}" if kind == DocumentKind.DECISION else "{{案号}}",
        align=WD_ALIGN_PARAGRAPH.RIGHT,
        indent=False,
    )
    for text in body:
        addressed = text.endswith("：") and text.startswith("{{")
        _paragraph(document, text, indent=not addressed)
    _paragraph(document, "", indent=False)
    _paragraph(document, "{{复议机关}}", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    date_field = "{{办结日期}}" if kind == DocumentKind.DECISION else "{{今天}}"
    _paragraph(document, date_field, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    return document


def default_template_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    build_default_template(kind).save(buffer)
    return buffer.getvalue()


# --- reading and filling templates --------------------------------------------------------


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
    import zipfile

    if len(data) > MAX_TEMPLATE_BYTES:
        raise ValidationError("模板文件过大（超过 2 MB）。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_TEMPLATE_UNCOMPRESSED:
                raise ValidationError("模板文件解压后过大，已拒绝。")
    except zipfile.BadZipFile:
        raise ValidationError("模板文件不是有效的 Word（.docx）文件。") from None
    try:
        return Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError):
        raise ValidationError("模板文件不是有效的 Word（.docx）文件。") from None


def placeholders_in(data: bytes) -> set[str]:
    document = _open(data)
    return {name for p in _all_paragraphs(document) for name in PLACEHOLDER.findall(p.text)}


def validate_template(data: bytes) -> set[str]:
    """Refuse a template that is not a .docx or uses placeholders the system cannot fill."""
    used = placeholders_in(data)
    unknown = sorted(used - set(FIELDS))
    if unknown:
        names = "、".join(f"{{{{{n}}}}}" for n in unknown)
        raise ValidationError(f"模板中有无法识别的字段：{names}。可用字段见“文书模板”说明。")
    if not used:
        raise ValidationError("模板中没有任何 {{字段}} 占位符。")
    return used


def _fill_paragraph(paragraph, values: dict[str, str]) -> None:
    text = paragraph.text
    if "{{" not in text:
        return
    filled = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
    runs = paragraph.runs
    if not runs:
        return
    # Placeholders may be split over runs by Word: keep the first run's formatting for the line.
    runs[0].text = filled
    for run in runs[1:]:
        run.text = ""


def template_bytes(case: ReconsiderationCase, kind: str) -> tuple[bytes, str]:
    """The office's active template of `kind`, else the shipped default; and where it came from."""
    template = DocumentTemplate.objects.filter(unit=case.unit, kind=kind, active=True).first()
    if template is not None:
        with template.file.open("rb") as handle:
            return handle.read(), f"本机构模板（{template.uploaded_at:%Y-%m-%d}）"
    return default_template_bytes(kind), "系统默认模板"


def render(case: ReconsiderationCase, kind: str, *, today: date | None = None) -> bytes:
    """Fill the template of `kind` with the case's fields and return the .docx bytes."""
    if kind not in DocumentKind.values:
        raise ValidationError(f"未知的文书种类：{kind}")
    data, _source = template_bytes(case, kind)
    document = _open(data)
    values = case_context(case, today=today)
    for paragraph in _all_paragraphs(document):
        _fill_paragraph(paragraph, values)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def file_name(case: ReconsiderationCase, kind: str) -> str:
    return f"{case.case_number}{DocumentKind(kind).label}.docx"


def available_kinds(case: ReconsiderationCase) -> dict[str, str]:
    """Kinds of 文书 the case's progress allows, with the reason a kind is not yet available."""
    suspensions = list(case.suspensions.all())
    ready = {
        DocumentKind.CORRECTION_NOTICE: case.correction_requested_on is not None,
        DocumentKind.ACCEPTANCE_NOTICE: case.accepted_on is not None,
        DocumentKind.REJECTION_DECISION: case.status == CaseStatus.NOT_ACCEPTED,
        DocumentKind.REPLY_NOTICE: case.accepted_on is not None,
        DocumentKind.SUSPENSION_NOTICE: bool(suspensions),
        DocumentKind.RESUMPTION_NOTICE: any(s.resumed_on for s in suspensions),
        DocumentKind.EXTENSION_NOTICE: bool(case.extension_days),
        DocumentKind.DECISION: case.outcome in DECISION_DOCUMENT_OUTCOMES,
    }
    return {kind: label for kind, label in DocumentKind.choices if ready[kind]}


def check_available(case: ReconsiderationCase, kind: str) -> None:
    if kind not in DocumentKind.values:
        raise ValidationError(f"未知的文书种类：{kind}")
    if kind not in available_kinds(case):
        raise ValidationError(
            f"案件当前进度（{case.get_status_display()}）尚不能生成{DocumentKind(kind).label}。"
        )
