"""`{{indicator.code}}` placeholders in report prose: parsing, validation and display forms.

Forms (after a `|`):
- none: the indicator's display text (`400余件`, `304.62万元`, `75%`);
- `bare`: the display text without its measure word, for prose that names its own
  (`获赞{{publicity.livestream_likes|bare}}个` → `获赞8000余个`);
- `floor`: the rounded-down figure without 余 and without measure (`超过{{…|floor}}次`);
- `exact`: the exact value with its measure, even where the indicator is shown approximately;
- `num`: the exact number alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
FORMS = ("", "bare", "floor", "exact", "num")
DRAFT_TOKENS = ("{year}", "{next_year}", "{area}")


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    code: str
    form: str
    raw: str


def parse(text: str) -> tuple[list[Placeholder], list[str]]:
    """Placeholders in `text`, and the Chinese reasons for any malformed ones."""
    found, errors = [], []
    for match in PLACEHOLDER.finditer(text or ""):
        inner = match.group(1).strip()
        code, _, form = (part.strip() for part in inner.partition("|"))
        if not CODE.match(code):
            errors.append(
                f"占位符“{match.group(0)}”格式不正确：应为 {{{{领域.指标}}}}，如 {{{{reconsideration.received}}}}。"
            )
            continue
        if form not in FORMS:
            errors.append(
                f"占位符“{match.group(0)}”的显示方式“{form}”无效：只能是 bare、floor、exact、num 或不写。"
            )
            continue
        found.append(Placeholder(match.start(), match.end(), code, form, match.group(0)))
    unmatched = re.sub(PLACEHOLDER, "", text or "")
    if "{{" in unmatched or "}}" in unmatched:
        errors.append("文中有未闭合的占位符（“{{”与“}}”须成对出现）。")
    return found, errors


def codes_in(text: str) -> list[str]:
    found, _errors = parse(text)
    return list(dict.fromkeys(p.code for p in found))


def validate_text(text: str, known: dict, *, where: str = "") -> None:
    """Refuse malformed placeholders and placeholders naming no indicator (clear Chinese message)."""
    found, errors = parse(text)
    prefix = f"{where}：" if where else ""
    unknown = sorted({p.code for p in found if p.code not in known})
    for code in unknown:
        errors.append(f"占位符 {{{{{code}}}}} 指向的指标不存在（请在指标目录中核对代码）。")
    if errors:
        raise ValidationError([prefix + e for e in errors])


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
