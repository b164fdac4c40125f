"""Documents of government information disclosure:

- the 文书 of a request (补正告知书, 征询函, 延期告知书, 答复书 by reply type, 缴费通知书), each
  from the unit's editable template (DocumentTemplate) or the default below, as .docx;
- the 政府信息公开工作年度报告 (O11, 《政府信息公开条例》第四十九条、第五十条) in the national
  template's tables, as .docx and .xlsx. Every number is read from an indicator
  (`fazhi.indicators.selectors`), so the report and the rule-of-law annual report agree; the
  disclosure-related reconsideration cases and lawsuits come from the indicators the
  reconsideration and litigation registers declare (codes in `LITIGATION_CODES`), never from
  their tables.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from docx import Document

from fazhi.core.xlsx import escape_cell
from fazhi.deadlines.selectors import clock_for
from fazhi.disclosure.deadlines import REPLY
from fazhi.disclosure.models import (
    REPLY_ARTICLES,
    ApplicantType,
    Category,
    DisclosureRequest,
    DocumentKind,
    DocumentTemplate,
    ReplyType,
)
from fazhi.disclosure.tables import (
    APPLICANT_COLUMNS,
    REQUEST_ROWS,
    ROW_LABELS,
    request_code,
)
from fazhi.indicators.registry import indicators as registered_indicators
from fazhi.indicators.selectors import computation

DEFAULT_TEMPLATES = {
    DocumentKind.CORRECTION: (
        "补正申请告知书",
        "{申请人}：\n本机关于{收到日期}收到您提出的政府信息公开申请（申请编号：{申请编号}），"
        "申请内容为：{所需信息}。经审查，您的申请内容不明确，请您在收到本告知书之日起15个工作日内"
        "对申请内容作出补正，明确所需政府信息的名称、文号或者便于查询的其他特征性描述。"
        "无正当理由逾期不补正的，视为放弃申请。答复期限自本机关收到补正的申请之日起计算。\n"
        "依据：{依据}\n{机关}\n{日期}",
    ),
    DocumentKind.THIRD_PARTY: (
        "第三方意见征询函",
        "你单位（你）：\n本机关收到政府信息公开申请（申请编号：{申请编号}），申请公开的信息可能涉及"
        "你方合法权益。请于收到本函之日起15个工作日内提出意见；逾期未提出意见的，由本机关依照规定"
        "决定是否公开。\n依据：{依据}\n{机关}\n{日期}",
    ),
    DocumentKind.EXTENSION: (
        "延期答复告知书",
        "{申请人}：\n本机关于{收到日期}收到您的政府信息公开申请（申请编号：{申请编号}）。因需要延长"
        "答复期限，经本机关政府信息公开工作机构负责人同意，答复期限延长20个工作日，"
        "延长后的答复期限为{期限}。\n依据：{依据}\n{机关}\n{日期}",
    ),
    DocumentKind.REPLY: (
        "政府信息公开申请答复书",
        "{申请人}：\n本机关于{收到日期}收到您提出的政府信息公开申请（申请编号：{申请编号}），"
        "申请内容为：{所需信息}。经审查，答复如下：{答复类型}。{答复理由}\n依据：{依据}\n"
        "如对本答复不服，可以依法申请行政复议或者提起行政诉讼。\n{机关}\n{日期}",
    ),
    DocumentKind.FEE: (
        "信息处理费缴费通知书",
        "{申请人}：\n您提出的政府信息公开申请（申请编号：{申请编号}）需缴纳信息处理费{费用}元，"
        "请于收到本通知之日起20个工作日内缴纳；逾期未缴纳的，视为放弃申请。\n依据：{依据}\n{机关}\n{日期}",
    ),
}
DOCUMENT_ARTICLES = {
    DocumentKind.CORRECTION: "《政府信息公开条例》第三十条",
    DocumentKind.THIRD_PARTY: "《政府信息公开条例》第三十二条",
    DocumentKind.EXTENSION: "《政府信息公开条例》第三十三条第二款",
    DocumentKind.FEE: "《政府信息公开条例》第四十二条；《政府信息公开信息处理费管理办法》",
}


def _template(unit, kind: str) -> tuple[str, str]:
    stored = DocumentTemplate.objects.filter(unit=unit, kind=kind).first()
    if stored is not None:
        return stored.title, stored.body
    return DEFAULT_TEMPLATES[kind]


def document_text(
    request: DisclosureRequest, kind: str, *, on: date | None = None
) -> tuple[str, str]:
    """(title, body) of a 文书 for `request`, filled from the unit's template."""
    title, body = _template(request.unit, kind)
    clock = clock_for(request, REPLY)
    article = (
        REPLY_ARTICLES.get(request.reply_type, "")
        if kind == DocumentKind.REPLY
        else DOCUMENT_ARTICLES[kind]
    )
    values = {
        "申请人": request.applicant_name,
        "申请编号": request.number,
        "收到日期": f"{request.received_on:%Y年%m月%d日}",
        "所需信息": request.description,
        "答复类型": ReplyType(request.reply_type).label.split("：")[-1]
        if request.reply_type
        else "",
        "答复理由": request.reply_basis,
        "依据": article,
        "期限": f"{clock.due_date:%Y年%m月%d日}" if clock else "",
        "费用": f"{request.fee:.2f}",
        "机关": request.unit.name,
        "日期": f"{on or request.replied_on or timezone.localdate():%Y年%m月%d日}",
    }
    for key, value in values.items():
        body = body.replace("{" + key + "}", str(value))
    return title, body


def document_docx(request: DisclosureRequest, kind: str, *, on: date | None = None) -> bytes:
    title, body = document_text(request, kind, on=on)
    document = Document()
    document.add_heading(title, level=1)
    for line in body.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- the annual report ---------------------------------------------------------------------

# Disclosure-related reconsideration cases and lawsuits, by outcome (table 四), as declared by
# the reconsideration and litigation registers. A code not (yet) registered shows "—".
LITIGATION_COLUMNS = ["维持", "纠正", "其他结果", "尚未审结", "总计"]
LITIGATION_CODES = {
    "行政复议": [f"reconsideration.disclosure.{k}" for k in ("upheld", "corrected", "other", "pending", "total")],
    "行政诉讼（未经复议直接起诉）": [f"litigation.disclosure_direct.{k}" for k in ("upheld", "corrected", "other", "pending", "total")],
    "行政诉讼（复议后起诉）": [f"litigation.disclosure_after_reconsideration.{k}" for k in ("upheld", "corrected", "other", "pending", "total")],
}  # fmt: skip


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)  # first cell: the row label
    codes: list[list] = field(default_factory=list)  # the indicator code of each number


@dataclass
class AnnualReport:
    unit_name: str
    year: int
    tables: list[Table]

    def numbers(self) -> dict[str, object]:
        """Indicator code → the number printed (for the reconciliation check)."""
        found = {}
        for table in self.tables:
            for row, codes in zip(table.rows, table.codes, strict=True):
                for value, code in zip(row[1:], codes, strict=True):
                    if code:
                        found[code] = value
        return found


def _number(value):
    if value is None or value.value is None:
        return "—"
    number = value.value
    return int(number) if number == number.to_integral_value() else float(number)


def annual_report(owner, year: int) -> AnnualReport:
    """The tables of the national template for `owner` (a unit or a division) and `year`."""
    categories = [(f"disclosure.proactive.{v}", str(label)) for v, label in Category.choices]
    request_codes = [request_code(r, c) for r in REQUEST_ROWS for c in APPLICANT_COLUMNS]
    litigation = [c for codes in LITIGATION_CODES.values() for c in codes]
    known = registered_indicators()
    wanted = [c for c, _l in categories] + request_codes + litigation + [
        "disclosure.items_published", "disclosure.interpretations", "disclosure.letters_answered",
        "disclosure.fees_charged", "disclosure.fees_amount",
    ]  # fmt: skip
    batch = computation(owner, year)
    values = {code: batch.value(code) for code in wanted if code in known}

    proactive = Table("二、主动公开政府信息情况", ["信息类别", "本年公开（条）"])
    for code, label in categories:
        proactive.rows.append([label, _number(values[code])])
        proactive.codes.append([code])
    for code, label in (
        ("disclosure.items_published", "门户网站更新信息合计"),
        ("disclosure.interpretations", "政策解读"),
        ("disclosure.letters_answered", "回复处理群众来信"),
    ):
        proactive.rows.append([label, _number(values[code])])
        proactive.codes.append([code])

    headers = [str(ApplicantType(c).label) for c in ApplicantType.values] + ["总计"]
    requests = Table(
        "三、收到和处理政府信息公开申请情况",
        ["本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和", *headers],
    )
    for row in REQUEST_ROWS:
        codes = [request_code(row, c) for c in APPLICANT_COLUMNS]
        requests.rows.append([ROW_LABELS[row], *(_number(values[c]) for c in codes)])
        requests.codes.append(codes)

    reviews = Table("四、政府信息公开行政复议、行政诉讼情况", ["类别", *LITIGATION_COLUMNS])
    for label, codes in LITIGATION_CODES.items():
        reviews.rows.append([label, *(_number(values.get(c)) for c in codes)])
        reviews.codes.append([c if c in known else "" for c in codes])

    fees = Table("五、收取信息处理费情况", ["项目", "数值"])
    fees.rows += [["收费件数（件）", _number(values["disclosure.fees_charged"])],
                  ["收费金额（元）", _number(values["disclosure.fees_amount"])]]  # fmt: skip
    fees.codes += [["disclosure.fees_charged"], ["disclosure.fees_amount"]]
    return AnnualReport(str(owner), year, [proactive, requests, reviews, fees])


def annual_report_docx(report: AnnualReport) -> bytes:
    document = Document()
    document.add_heading(f"{report.unit_name}{report.year}年政府信息公开工作年度报告", level=1)
    document.add_paragraph(
        "本报告依据《中华人民共和国政府信息公开条例》第四十九条、第五十条编制，"
        "表中数据由平台依据登记记录计算。"
    )
    for table in report.tables:
        document.add_heading(table.title, level=2)
        grid = document.add_table(rows=1, cols=len(table.header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
            cell.text = text
        for row in table.rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def annual_report_xlsx(report: AnnualReport) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for number, table in enumerate(report.tables, start=2):
        sheet = workbook.create_sheet(f"表{number}")
        sheet.append([table.title])
        sheet.append(table.header)
        for row in table.rows:
            sheet.append([escape_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
