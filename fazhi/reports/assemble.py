"""Assemble a report: its outline and prose, the live figures, the problems, and the checks.

Reads only `fazhi.indicators` (one `Computation` per report, so a figure used twice is computed
once) and this app's own models. `build(report)` returns a `RenderedReport` that the HTML preview
and the .docx writer both draw; `issues` lists what must be fixed (errors: export refused) and
what the office should look at (warnings: export allowed, kept with the export).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from fazhi.core.dates import cn_date
from fazhi.core.models import Unit, UnitKind
from fazhi.indicators import registry
from fazhi.indicators.registry import Kind, Source
from fazhi.reports.models import ProblemItem, Report, SectionKind
from fazhi.reports.placeholders import parse
from fazhi.reports.problems import GROUPS
from fazhi.reports.snapshot import SnapshotSource
from fazhi.reports.source import Figure, FigureSource, scope_object
from fazhi.reports.typed import stated_rate_name, states, typed_figures

__all__ = ["Figure", "FigureSource", "build", "scope_object"]

CN_NUMERALS = "一二三四五六七八九十"
ENUMERATED = re.compile(r"(?:^|[。\n])([一二三四五六七八九十]+)是")
INLINE_HEADING = re.compile(r"^（[一二三四五六七八九十]+）[^。！？]{1,60}。")


def cn_number(n: int) -> str:
    if n <= 10:
        return CN_NUMERALS[n - 1]
    if n < 20:
        return "十" + (CN_NUMERALS[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return CN_NUMERALS[tens - 1] + "十" + (CN_NUMERALS[ones - 1] if ones else "")


def area_name(unit: Unit) -> str:
    if unit.kind == UnitKind.GOVERNMENT:
        return unit.division.name
    return unit.short_name or unit.name


# --- the rendered report ------------------------------------------------------------------
@dataclass
class Run:
    text: str
    code: str = ""
    form: str = ""
    value: object = None  # fazhi.indicators Value for a figure
    figure: Figure | None = None

    @property
    def is_figure(self) -> bool:
        return bool(self.code)

    @property
    def tooltip(self) -> str:
        """Shown on hover in the preview: the formula, and for a rate its parts and variants."""
        value = self.value
        if value is None:
            return ""
        lines = [f"{value.name}：{value.exact_display}", f"口径：{value.formula}"]
        for part in (value.numerator, value.denominator):
            if part is not None:
                lines.append(f"{part.name}：{part.exact_display}")
        for variant in value.variants[1:]:
            lines.append(f"{variant.variant_label or variant.name}：{variant.display}")
        lines.append(f"来源：{value.provenance.description}")
        target = self.figure.target if self.figure else None
        if target is not None:
            lines.append(f"{target.target.label}：{target.display}（{target.status_label}）")
        comparison = self.figure.comparison if self.figure else None
        if comparison is not None:
            previous = comparison.previous
            lines.append(f"比较期（{previous.scope_label}）：{previous.exact_display}")
            lines.append(f"变化：{comparison.change_display}；{comparison.percent_display}")
        return "\n".join(lines)

    @property
    def missing(self) -> bool:
        return self.value is not None and self.value.value is None


@dataclass
class Paragraph:
    runs: list[Run]
    heading: str = ""  # a second-level heading run at the start (楷体), e.g. "（一）…。"

    @property
    def text(self) -> str:
        return self.heading + "".join(run.text for run in self.runs)


@dataclass
class RenderedSection:
    key: str
    kind: str
    level: int
    title: str
    heading: str  # numbered heading, e.g. "二、存在的问题"
    paragraphs: list[Paragraph]


@dataclass
class Annex:
    number: int
    title: str
    unit_names: list[str]


@dataclass
class Issue:
    level: str  # "error" (export refused) | "warning" (export allowed, kept with the export)
    kind: str
    message: str
    section: str = ""
    section_title: str = ""
    code: str = ""
    excerpt: str = ""

    KIND_LABELS = {
        "malformed_placeholder": "占位符格式错误",
        "unknown_placeholder": "未知指标",
        "empty_section": "章节为空",
        "no_data": "无数据",
        "consistency": "一致性规则不成立",
        "missing_return": "填报缺失",
        "undefined_rate": "比率无法计算",
        "typed_figure": "手工录入的数字",
        "stated_rate": "陈述的比率与公式不符",
        "no_problems": "未列问题",
        "unresolved_placeholder": "占位符无法生成数字",
    }

    @property
    def kind_label(self) -> str:
        return self.KIND_LABELS.get(self.kind, self.kind)

    def as_dict(self) -> dict:
        return {
            "level": self.level,
            "kind": self.kind,
            "message": self.message,
            "section": self.section,
            "section_title": self.section_title,
            "code": self.code,
            "excerpt": self.excerpt,
        }


@dataclass
class RenderedReport:
    report: Report
    title: str
    body_name: str
    year: int
    sections: list[RenderedSection]
    annexes: list[Annex]
    signed_on: date
    values: dict
    issues: list[Issue] = field(default_factory=list)
    version_number: int = 0
    placeholder_figures: dict = field(default_factory=dict)  # placeholder key → Figure
    frozen_at: object = None  # set when rendered from a frozen version's snapshot

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "warning"]

    def figures(self) -> dict[str, dict]:
        """Each figure used: exact value and display, for the export record and the tests."""
        return {
            code: {
                "value": None if v.value is None else str(v.value),
                "display": v.display,
                "formula": v.formula,
            }
            for code, v in self.values.items()
        }

    def plain_text(self) -> str:
        lines = [self.title]
        for section in self.sections:
            if section.heading:
                lines.append(section.heading)
            lines.extend(p.text for p in section.paragraphs)
        lines.append(self.body_name)
        lines.append(cn_date(self.signed_on))
        return "\n".join(lines)


# --- building -------------------------------------------------------------------------------
def _paragraphs(body: str) -> list[str]:
    return [line.strip() for line in (body or "").splitlines() if line.strip()]


def _runs(text: str, source: FigureSource, figures: dict) -> list[Run]:
    found, _errors = parse(text)
    runs, position = [], 0
    for placeholder in found:
        if placeholder.start > position:
            runs.append(Run(text[position : placeholder.start]))
        figure = figures.get(placeholder.key)
        if figure is None or figure.error:
            runs.append(Run(placeholder.raw))  # left visible, listed as an error
        else:
            runs.append(
                Run(
                    figure.text,
                    code=placeholder.code,
                    form=placeholder.form,
                    value=figure.value,
                    figure=figure,
                )
            )
        position = placeholder.end
    if position < len(text):
        runs.append(Run(text[position:]))
    return runs


def _paragraph(text: str, source: FigureSource, figures: dict, *, heading: str = "") -> Paragraph:
    if not heading:
        match = INLINE_HEADING.match(text)
        if match and "{{" not in match.group(0):
            heading, text = match.group(0), text[match.end() :]
    return Paragraph(runs=_runs(text, source, figures), heading=heading)


def included_sections(sections: list[dict]) -> list[dict]:
    """Required sections always; optional ones only when written."""
    return [s for s in sections if s.get("required", True) or (s.get("body") or "").strip()]


def _has_children(sections: list[dict], index: int) -> bool:
    """A heading whose next section is one level deeper (一、 followed by （一）)."""
    level = sections[index].get("level", 1)
    following = sections[index + 1 : index + 2]
    return bool(level and following and following[0].get("level", 1) > level)


def problem_groups(problems: list[ProblemItem]):
    included = [p for p in problems if p.included]
    for group in GROUPS:
        items = [p for p in included if p.group == group.key]
        if items:
            yield group, items


def build(
    report: Report, *, user=None, version=None, source: FigureSource | None = None, live=False
):
    """Render a report version (the latest by default) with its figures, problems and checks.

    A frozen (定稿 or exported) version is rendered from its snapshot: the numbers, problems and
    checks it showed then. `live=True` renders it from today's data instead (to compare).
    """
    version = version or report.latest_version()
    sections = included_sections(list(version.sections if version else []))
    frozen = version is not None and version.is_frozen and not live and source is None
    if frozen:
        source = SnapshotSource(version.snapshot, unit=report.unit, year=report.year)
    source = source or FigureSource(report.unit, report.year, user=user)
    issues: list[Issue] = []

    used: list[str] = []
    figures: dict[str, Figure] = {}
    for section in sections:
        for text in (section.get("body") or "", section.get("title") or ""):
            found, errors = parse(text)
            for error in errors:
                issues.append(_issue("error", "malformed_placeholder", error, section))
            for placeholder in found:
                if not source.known(placeholder.code):
                    issues.append(
                        _issue(
                            "error",
                            "unknown_placeholder",
                            f"占位符 {placeholder.raw} 指向的指标不存在，无法生成该数字；"
                            "请在指标目录中核对代码后修改。",
                            section,
                            code=placeholder.code,
                        )
                    )
                    continue
                if placeholder.code not in used:
                    used.append(placeholder.code)
                if placeholder.key not in figures:
                    figure = figures[placeholder.key] = source.figure(placeholder)
                    if figure.error:
                        issues.append(
                            _issue(
                                "error",
                                "unresolved_placeholder",
                                f"占位符 {placeholder.raw} 无法生成数字：{figure.error}",
                                section,
                                code=placeholder.code,
                            )
                        )
    values = source.values(used)

    if frozen:
        problems = [FrozenProblem(**p) for p in version.snapshot.get("problems", [])]
    else:
        problems = list(report.problems.all()) if report.pk else []
    annexes: list[Annex] = []
    rendered: list[RenderedSection] = []
    level1 = level2 = 0
    for index, section in enumerate(sections):
        level = section.get("level", 1)
        title = section.get("title") or ""
        heading = ""
        if level == 1:
            level1, level2 = level1 + 1, 0
            heading = f"{cn_number(level1)}、{title}"
        elif level == 2:
            level2 += 1
            heading = f"（{cn_number(level2)}）{title}。"
        texts = _paragraphs(section.get("body") or "")
        paragraphs = []
        if level == 2:
            first = texts[0] if texts else ""
            paragraphs.append(_paragraph(first, source, figures, heading=heading))
            paragraphs.extend(_paragraph(t, source, figures) for t in texts[1:])
        else:
            paragraphs.extend(_paragraph(t, source, figures) for t in texts)
        if section.get("kind") == SectionKind.PROBLEMS:
            offset = len(set(ENUMERATED.findall(section.get("body") or "")))
            paragraphs.extend(_problem_paragraphs(problems, annexes, offset))
        has_text = bool(texts) or section.get("kind") == SectionKind.PROBLEMS and bool(annexes)
        if not has_text and not _has_children(sections, index):
            issues.append(
                _issue(
                    "error",
                    "empty_section",
                    f"“{heading or SectionKind(section.get('kind')).label}”内容为空。"
                    "年度报告须写明该部分内容（督察工作规定，docs/rules.md R3），请填写后再导出。",
                    section,
                )
            )
        rendered.append(
            RenderedSection(
                key=section["key"],
                kind=section.get("kind", ""),
                level=level,
                title=title,
                heading=heading if level == 1 else "",
                paragraphs=paragraphs,
            )
        )

    result = RenderedReport(
        report=report,
        title=report.display_title,
        body_name=report.body_name,
        year=report.year,
        sections=rendered,
        annexes=annexes,
        signed_on=report.signed_on or timezone.localdate(),
        values=values,
        issues=issues,
        version_number=version.number if version else 0,
        placeholder_figures=figures,
        frozen_at=version.frozen_at if frozen else None,
    )
    if frozen:
        result.issues = [Issue(**issue) for issue in source.issues()]
    else:
        result.issues.extend(check(result, sections, source))
    return result


@dataclass
class FrozenProblem:
    """A problem of section 二 as it stood when the version was frozen."""

    group: str
    final_text: str
    unit_names: list
    annex_title: str
    included: bool = True


def problem_records(report: Report) -> list[dict]:
    return [
        {
            "group": p.group,
            "final_text": p.final_text,
            "unit_names": list(p.unit_names),
            "annex_title": p.annex_title,
        }
        for p in report.problems.all()
        if p.included
    ]


def _problem_paragraphs(
    problems: list[ProblemItem], annexes: list[Annex], offset: int = 0
) -> list[Paragraph]:
    """One paragraph per group of accepted problems, numbered after the office's own (一是…)."""
    paragraphs = []
    for number, (group, items) in enumerate(problem_groups(problems), start=offset + 1):
        texts = []
        for item in items:
            text = item.final_text.rstrip("。")
            if item.unit_names:
                annex = Annex(len(annexes) + 1, item.annex_title or "相关单位名单", item.unit_names)
                annexes.append(annex)
                text += f"（名单见附件{annex.number}）"
            texts.append(text + "。")
        paragraphs.append(
            Paragraph(runs=[Run(f"{cn_number(number)}是{group.heading}。" + "".join(texts))])
        )
    return paragraphs


def _issue(level, kind, message, section=None, **extra) -> Issue:
    section = section or {}
    title = section.get("title") or ""
    if not title and section.get("kind"):
        title = SectionKind(section["kind"]).label
    return Issue(
        level=level,
        kind=kind,
        message=message,
        section=section.get("key", ""),
        section_title=title,
        **extra,
    )


# --- checks before export -------------------------------------------------------------------
def check(result: RenderedReport, sections: list[dict], source: FigureSource) -> list[Issue]:
    issues: list[Issue] = []
    values = result.values
    section_of = {}
    for section in sections:
        for placeholder in parse(section.get("body") or "")[0]:
            section_of.setdefault(placeholder.code, section)

    # 1. no data at all for the year
    if _no_data(source, values):
        issues.append(
            _issue(
                "error",
                "no_data",
                f"{result.body_name}{result.year}年没有任何统计数据（既无登记记录，也无已接收的统计填报），"
                "不能导出该年度报告。请先完成登记或统计填报。",
            )
        )

    # 2. returned figures still missing, rates that cannot be computed
    for code, value in values.items():
        section = section_of.get(code)
        if value.value is not None:
            continue
        if value.source == Source.RETURNED or source.is_live_return(value):
            issues.append(
                _issue(
                    "warning",
                    "missing_return",
                    f"填报指标“{value.name}”尚未填报或填报尚未接收，报告中显示为“{value.display}”。",
                    section,
                    code=code,
                )
            )
        elif value.kind in (Kind.RATE, Kind.RATIO):
            issues.append(
                _issue(
                    "warning",
                    "undefined_rate",
                    f"比率“{value.name}”的分母为 0，无法计算，报告中显示为“—”（公式：{value.formula}）。",
                    section,
                    code=code,
                )
            )

    # 3. declared consistency rules over the figures used
    seen = set()
    for finding in source.consistency(values.keys()):
        if finding.message in seen:
            continue
        seen.add(finding.message)
        issues.append(_issue("warning", "consistency", finding.message, code=finding.check))

    # 4. figures typed by hand that state a statistic, and stated rates against their formula
    rate_codes = source.rate_codes()
    for section in sections:
        body = section.get("body") or ""
        section_codes = [p.code for p in parse(body)[0]] + list(section.get("indicators") or [])
        candidates = _candidates(section_codes, source)
        for figure in typed_figures(body):
            issue = _typed_issue(figure, section, section_codes, rate_codes, source, candidates)
            if issue is not None:
                issues.append(issue)

    # 5. a problems section listing nothing
    problems_section = next((s for s in sections if s.get("kind") == SectionKind.PROBLEMS), None)
    if problems_section is not None and not result.annexes:
        included = (
            [p for p in result.report.problems.all() if p.included] if result.report.pk else []
        )
        if not included:
            issues.append(
                _issue(
                    "warning",
                    "no_problems",
                    "“存在的问题”未采纳任何平台核查发现的问题；请确认问题已在正文中写明。",
                    problems_section,
                )
            )
    return issues


def _no_data(source: FigureSource, values: dict) -> bool:
    candidates = values or source.values(
        [c for c, s in source.specs.items() if s.kind not in (Kind.RATE, Kind.RATIO)]
    )
    return all(
        v.value is None or v.value == 0
        for v in candidates.values()
        if v.kind not in (Kind.RATE, Kind.RATIO)
    )


# Measure words that count the same things (a typed 18起 states a figure kept in 件).
SAME_MEASURE = ({"件", "起", "宗"}, {"人", "名"}, {"次", "场", "场次"}, {"个", "个单位"})
SMALL = (
    10  # below this, a count in prose (选派一名, 五个版块, 两次考试) is not a statistic by itself
)


def _same_measure(typed: str, measure: str) -> bool:
    if typed == measure:
        return True
    return any(typed in group and measure in group for group in SAME_MEASURE)


def _candidates(section_codes: list[str], source) -> list:
    """The values a typed count may state: the section's indicators and the others of their
    domains (computed once per report batch)."""
    codes = [c for c in dict.fromkeys(section_codes) if source.known(c)]
    domains = {source.specs[c].domain for c in codes if source.specs[c].domain}
    codes += [
        code
        for code, spec in source.specs.items()
        if spec.domain in domains and code not in codes and not spec.part_of
    ]
    return [v for v in source.values(codes).values() if v.value is not None]


def _typed_issue(figure, section, section_codes, rate_codes, source, candidates) -> Issue | None:
    """A figure typed by hand is a finding only when it states a statistic: a percentage, or a
    count equal to an indicator's value (a count below 10 only when the indicator is named right
    before it), or a count right after an indicator's name that differs from its value. Counts
    of things in prose (选派一名, 五个版块, 两次考试), ordinals (第一次) and dates are not."""
    excerpt = figure.excerpt or figure.text
    if figure.is_percent:
        code = _rate_for(stated_rate_name(figure.context), section_codes, rate_codes, source)
        if code:
            return _stated_rate_issue(figure, code, excerpt, section, source)
        return _issue(
            "warning",
            "typed_figure",
            f"正文手工录入百分比“{excerpt}”，未绑定指标，数据变动后不会更新；如为统计数字，请改用指标占位符。",
            section,
            excerpt=excerpt,
        )
    for value in candidates:
        if not _same_measure(figure.measure, value.measure):
            continue
        named = bool(value.name) and value.name in figure.clause
        if states(figure, value.value) and (figure.number >= SMALL or named):
            return _issue(
                "warning",
                "typed_figure",
                f"正文手工录入数字“{excerpt}”，与“{value.name}”的值相同，但未绑定指标，数据变动后不会更新；"
                f"建议改用“{value.name}”的占位符。",
                section,
                code=value.code,
                excerpt=excerpt,
            )
        if named and not states(figure, value.value):
            return _issue(
                "warning",
                "typed_figure",
                f"正文手工录入“{excerpt}”，而“{value.name}”按现有数据为{value.exact_display}；"
                f"请核对，或改用“{value.name}”的占位符。",
                section,
                code=value.code,
                excerpt=excerpt,
            )
    return None


def _stated_rate_issue(figure, code, excerpt, section, source: FigureSource) -> Issue:
    """A percentage typed after a rate's name, checked against every variant of its formula."""
    value = source.value(code)
    variants = [v for v in (value.variants or [value]) if v.value is not None]
    if not variants:
        return _issue(
            "warning",
            "stated_rate",
            f"正文手工录入“{excerpt}”，未绑定指标；“{value.name}”按公式（{value.formula}）"
            f"目前无法计算（分母为 0 或数据缺失），无法核对该比率。建议改用“{value.name}”的占位符。",
            section,
            code=code,
            excerpt=excerpt,
        )
    findings = source.check_stated(code, figure.number)
    if findings:
        return _issue(
            "warning",
            "stated_rate",
            f"正文手工录入“{excerpt}”，未绑定指标；与计算口径不符。{findings[0].message}。"
            f"建议改用“{value.name}”的占位符。",
            section,
            code=code,
            excerpt=excerpt,
        )
    return _issue(
        "warning",
        "typed_figure",
        f"正文手工录入“{excerpt}”，与“{value.name}”的计算值一致，但未绑定指标，"
        f"数据变动后不会更新；建议改用“{value.name}”的占位符。",
        section,
        code=code,
        excerpt=excerpt,
    )


def _rate_for(name: str, section_codes, rate_codes, source: FigureSource) -> str:
    if not name:
        return ""
    candidates = [c for c in rate_codes if name in source.name(c)]
    for code in section_codes:
        if code in candidates:
            return code
    return candidates[0] if candidates else ""


def compliance_checks() -> dict:
    return registry.checks()
