"""Placeholders in report prose: `{{code[dimension=member]@period|form|form}}`.

- `code`: the indicator (`reconsideration.received`).
- `[dimension=member]` (optional): one part of a breakdown, e.g. `[行政行为类型=行政处罚]`
  (dimension and member by name or key); `[dimension]` alone with `|分项` lists every part.
- `@period` (optional): another period than the report's year: `@上年`, `@2023`, `@上半年`,
  `@第三季度`, `@截至10月底`, `@1-10月`, `@2023-09-01~2024-08-31`, or a 统计期 name.
- `|form` (optional, at most one of each kind):
  what is shown — none (the value), `上年` (the same period a year earlier), `上期` (the period
  before), `同比` / `环比` (同比增长12.3%, 同比上升2.5个百分点, 与上年持平), `增减` (增加15件),
  `增幅` (增长12.3%), `目标` (≤5%), `达标` (低于市考核目标5%), `占比` (a part's share, 35%),
  `分项` (every part with its share), `以上` (80%以上), `超` (超1.2万), `近` (近50件) — a bound
  rounds to the fewest significant digits within 10% of the exact value, or to N with `|超2`;
  how a value is written — `bare` (no measure word), `floor` (rounded down, no 余), `exact`
  (the exact value), `num` (the exact number alone).
Existing placeholders (`{{code}}`, `{{code|bare}}` …) keep their meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
REFERENCE = re.compile(
    r"^(?P<code>[^\[\]@|]+?)\s*(?:\[(?P<slice>[^\[\]]*)\])?\s*(?:@(?P<period>[^\[\]@|]+))?$"
)
HOW_FORMS = ("", "bare", "floor", "exact", "num")
FORMS = HOW_FORMS  # kept for callers of the first version
WHAT_FORMS = {
    "上年": "previous",
    "prev": "previous",
    "上期": "preceding",
    "同比": "yoy",
    "yoy": "yoy",
    "环比": "pop",
    "pop": "pop",
    "增减": "change",
    "change": "change",
    "增幅": "percent_change",
    "pct_change": "percent_change",
    "目标": "target",
    "target": "target",
    "达标": "vs_target",
    "vs_target": "vs_target",
    "占比": "share",
    "share": "share",
    "分项": "items",
    "items": "items",
    "以上": "at_least",
    "超": "over",
    "近": "near",
}
BOUND_FORM = re.compile(r"^(以上|超|近)([1-6])?$")
VALUE_WHATS = ("", "previous", "preceding", "target", "at_least", "over", "near")
DRAFT_TOKENS = ("{year}", "{next_year}", "{area}")
FORM_HELP = (
    "可用：上年、上期、同比、环比、增减、增幅、目标、达标、占比、分项、以上、超、近，"
    "以及 bare、floor、exact、num，或不写"
)


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    code: str
    form: str  # how the value is written: "", bare, floor, exact, num
    raw: str
    what: str = ""  # what is shown (WHAT_FORMS values); "" = the value itself
    period: str = ""  # the text after @
    dimension: str = ""  # the text before = inside [ ]
    member: str = ""  # the text after = inside [ ]
    digits: int = 0  # significant digits of a bound (|超2); 0 = the fewest within 10%

    @property
    def key(self) -> str:
        """The placeholder without its braces, normalised (its key in a frozen snapshot)."""
        return self.raw[2:-2].strip()

    @property
    def is_plain(self) -> bool:
        return not (self.what or self.period or self.dimension)


def _parse_inner(inner: str) -> tuple[dict | None, str]:
    reference, *forms = (part.strip() for part in inner.split("|"))
    match = REFERENCE.match(reference)
    if not match or not CODE.match(match.group("code").strip()):
        return None, "应为 {{领域.指标}}，如 {{reconsideration.received}}"
    how, what, digits = "", "", 0
    for form in forms:
        bound = BOUND_FORM.match(form)
        if bound and not what:
            what, digits = WHAT_FORMS[bound.group(1)], int(bound.group(2) or 0)
        elif form in HOW_FORMS and form:
            if how:
                return None, f"显示方式“{how}”与“{form}”不能同时使用"
            how = form
        elif form in WHAT_FORMS:
            if what:
                return None, f"“{form}”不能与另一项显示内容同时使用"
            what = WHAT_FORMS[form]
        else:
            return None, f"显示方式“{form}”无效（{FORM_HELP}）"
    dimension, member = "", ""
    if match.group("slice") is not None:
        dimension, _, member = (p.strip() for p in match.group("slice").partition("="))
        if not dimension:
            return None, "方括号内应写分组维度，如 [行政行为类型=行政处罚]"
        if not member and what != "items":
            return None, "方括号内未写分组项（如 [行政行为类型=行政处罚]）；列出全部分项请用 |分项"
    if what in ("share",) and not member:
        return None, "“占比”须指明分组项，如 {{…[行政行为类型=行政处罚]|占比}}"
    if what == "items" and (member or not dimension):
        return None, "“分项”须写分组维度而不写分组项，如 {{…[行政行为类型]|分项}}"
    if how and what not in VALUE_WHATS and how != "bare":
        return None, f"“{how}”只能用于数值，不能用于比较或占比文字"
    return {
        "code": match.group("code").strip(),
        "form": how,
        "what": what,
        "period": (match.group("period") or "").strip(),
        "dimension": dimension,
        "member": member,
        "digits": digits,
    }, ""


def parse(text: str) -> tuple[list[Placeholder], list[str]]:
    """Placeholders in `text`, and the Chinese reasons for any malformed ones."""
    found, errors = [], []
    for match in PLACEHOLDER.finditer(text or ""):
        parts, reason = _parse_inner(match.group(1).strip())
        if parts is None:
            errors.append(f"占位符“{match.group(0)}”格式不正确：{reason}。")
            continue
        found.append(Placeholder(match.start(), match.end(), raw=match.group(0), **parts))
    unmatched = re.sub(PLACEHOLDER, "", text or "")
    if "{{" in unmatched or "}}" in unmatched:
        errors.append("文中有未闭合的占位符（“{{”与“}}”须成对出现）。")
    return found, errors


def codes_in(text: str) -> list[str]:
    found, _errors = parse(text)
    return list(dict.fromkeys(p.code for p in found))


def validate_text(text: str, known: dict, *, where: str = "", check=None) -> None:
    """Refuse malformed placeholders and placeholders naming no indicator (clear Chinese message).

    `check(placeholder) -> str` (optional) returns a reason when the placeholder's period,
    dimension or member cannot be resolved ("" when it can).
    """
    found, errors = parse(text)
    prefix = f"{where}：" if where else ""
    unknown = sorted({p.code for p in found if p.code not in known})
    for code in unknown:
        errors.append(f"占位符 {{{{{code}}}}} 指向的指标不存在（请在指标目录中核对代码）。")
    if check is not None:
        for placeholder in found:
            if placeholder.code in known and (reason := check(placeholder)):
                errors.append(f"占位符“{placeholder.raw}”：{reason}")
    if errors:
        raise ValidationError([prefix + e for e in dict.fromkeys(errors)])


def strip_measure(display: str, measure: str) -> str:
    if measure and display.endswith(measure):
        return display[: -len(measure)]
    return display


def _plain(number) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def render_value(value, form: str = "") -> str:
    """The text a placeholder shows for a `fazhi.indicators` Value."""
    if form == "exact":
        return value.exact_display
    if form == "num":
        return _plain(value.value) if value.value is not None else value.exact_display
    bare = strip_measure(value.display, value.measure)
    if form == "bare":
        return bare
    if form == "floor":
        return bare.replace("余", "")
    return value.display


def fill_draft_tokens(text: str, *, year: int, area: str) -> str:
    return (
        text.replace("{year}", str(year))
        .replace("{next_year}", str(year + 1))
        .replace("{area}", area)
    )
