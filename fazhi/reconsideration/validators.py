"""Identity numbers of applicants and parties, checked with python-stdnum (glossary: resident_id, uscc)."""

import re
import string

from django.conf import settings
from django.core.exceptions import ValidationError
from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength


def normalise_id_number(number: str) -> str:
    return (number or "").strip().replace(" ", "").upper()


def validate_party_identity(
    id_type: str, number: str, *, field: str = "applicant_id_number"
) -> str:
    """Return the compact number or raise a Chinese ValidationError naming what is wrong."""
    number = normalise_id_number(number)
    if not number:
        raise ValidationError({field: "请填写证件号码。"})
    if id_type == "resident_id":
        return _check_resident_id(number, field)
    if id_type == "uscc":
        return _check(uscc, number, field, "统一社会信用代码", 18)
    if len(number) > 32:
        raise ValidationError({field: "证件号码过长（最多32位）。"})
    return number


def _check(module, number: str, field: str, label: str, length: int) -> str:
    try:
        return module.validate(number)
    except InvalidChecksum:
        raise ValidationError({field: f"{label}“{number}”的校验位错误，请核对。"}) from None
    except InvalidLength:
        raise ValidationError(
            {field: f"{label}应为{length}位，“{number}”为{len(number)}位。"}
        ) from None
    except InvalidComponent:
        raise ValidationError({field: f"{label}“{number}”中的出生日期或地区代码无效。"}) from None
    except InvalidFormat:
        raise ValidationError({field: f"{label}“{number}”含有不允许的字符。"}) from None


def _check_resident_id(number: str, field: str) -> str:
    """Length, digits, check digit and birth date as python-stdnum checks them; the region code
    must exist in its table, but not necessarily in the birth year: a number keeps the code of
    the place where it was first issued (e.g. 430408 蒸湘区, created 2001, for people born earlier).
    """
    label = "居民身份证号码"
    if len(number) != 18:
        raise ValidationError({field: f"{label}应为18位，“{number}”为{len(number)}位。"})
    if not number[:-1].isdigit() or not (number[-1].isdigit() or number[-1] == "X"):
        raise ValidationError({field: f"{label}“{number}”含有不允许的字符。"})
    if number[-1] != ric.calc_check_digit(number):
        raise ValidationError({field: f"{label}“{number}”的校验位错误，请核对。"})
    try:
        ric.get_birth_date(number)
    except InvalidComponent:
        raise ValidationError({field: f"{label}“{number}”中的出生日期无效。"}) from None
    if not any(props for _part, props in numdb.get("cn/loc").info(number[:6])):
        raise ValidationError({field: f"{label}“{number}”的地区代码 {number[:6]} 不存在。"})
    return number


# --- the 案号 pattern of an office (admin “复议案号计数器”) ---------------------------------

DEFAULT_PATTERN = "蒸政复〔{year}〕{number}号"


def default_pattern() -> str:
    return getattr(settings, "FAZHI_RECONSIDERATION_CASE_NUMBER_PATTERN", DEFAULT_PATTERN)


def validate_pattern(pattern: str) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise ValidationError({"pattern": f"案号格式有误：{exc}"}) from None
    if names != {"year", "number"}:
        raise ValidationError({"pattern": "案号格式必须且只能包含 {year} 和 {number} 两个占位符。"})
    try:
        format_case_number(pattern, 2024, 1)
    except (ValueError, KeyError) as exc:
        raise ValidationError({"pattern": f"案号格式有误：{exc}"}) from None


def format_case_number(pattern: str, year: int, number: int) -> str:
    return pattern.format(year=year, number=number)


def pattern_regex(pattern: str) -> re.Pattern:
    """A regex that reads year and number back out of a case number written with `pattern`."""
    parts = []
    for literal, name, spec, _conv in string.Formatter().parse(pattern):
        parts.append(re.escape(literal))
        if name == "year":
            parts.append(r"(?P<year>\d{4})")
        elif name == "number":
            parts.append(r"(?P<number>\d+)")
        del spec
    return re.compile("^" + "".join(parts) + "$")


def parse_case_number(pattern: str, case_number: str) -> tuple[int, int] | None:
    match = pattern_regex(pattern).match(case_number.strip())
    if not match:
        return None
    return int(match["year"]), int(match["number"])
