"""Identity numbers of applicants and parties, checked with python-stdnum (glossary: resident_id, uscc)."""

from django.core.exceptions import ValidationError
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
    from stdnum import numdb

    if not any(props for _part, props in numdb.get("cn/loc").info(number[:6])):
        raise ValidationError({field: f"{label}“{number}”的地区代码 {number[:6]} 不存在。"})
    return number
