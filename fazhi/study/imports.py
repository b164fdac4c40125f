"""Excel import of the yearly 国家工作人员学法考法 roster (one row per person: unit, year, ID
number, study and exam results). Every row or none; a person twice in the file, a person of
another unit, a pass without a sitting are refused by row and column."""

from __future__ import annotations

from stdnum.cn import ric
from stdnum.exceptions import ValidationError as NumberError

from fazhi.core.crypto import blind_index
from fazhi.core.imports import ImportSpec
from fazhi.core.xlsx import Column, parse_bool, parse_count, parse_decimal
from fazhi.study.models import LawExamEntry
from fazhi.study.services import roster_import


def parse_id_number(value) -> str:
    """An 18-digit 居民身份证号: format, check digit and birth date (GB 11643). The area code is
    not checked against its date: a code may postdate the holder's birth (e.g. 蒸湘区, 2001)."""
    text = str(int(value)) if isinstance(value, int | float) else str(value)
    text = ric.compact(text)
    try:
        if len(text) != 18 or not text[:-1].isdigit():
            raise NumberError()
        if text[-1] != ric.calc_check_digit(text):
            raise NumberError()
        ric.get_birth_date(text)
    except NumberError as exc:
        raise ValueError(f"“{text}”不是有效的居民身份证号码") from exc
    return text


def parse_year(value) -> int:
    year = parse_count(value)
    if not 2000 <= year <= 2100:
        raise ValueError(f"“{value}”不是有效年度")
    return year


ROSTER_COLUMNS = [
    Column("单位", "unit"),
    Column("年度", "year", parse_year),
    Column("姓名", "name"),
    Column("身份证号", "id_number", parse_id_number),
    Column("职务", "position", required=False),
    Column("领导干部", "is_leader", parse_bool, required=False),
    Column("参学", "studied", parse_bool),
    Column("报考", "registered", parse_bool),
    Column("参考", "sat", parse_bool),
    Column("通过", "passed", parse_bool),
    Column("成绩", "score", parse_decimal, required=False),
]


def _stored(actor, keys: set[tuple]) -> set[tuple]:
    """Roster rows already stored (visible to the importing user), by (身份证号, 年度)."""
    by_index = {blind_index(number, "id_number"): number for number, _year in keys}
    found = (
        LawExamEntry.objects.for_user(actor)
        .filter(person__id_number_index__in=by_index)
        .values_list("person__id_number_index", "year")
    )
    return {(by_index[index], year) for index, year in found} & keys


ROSTER_IMPORT = ImportSpec(
    name="study.LawExamEntry",
    columns=ROSTER_COLUMNS,
    store=lambda actor, rows: roster_import(actor=actor, rows=rows),
    natural_key=("id_number", "year"),
    existing_keys=_stored,
)
