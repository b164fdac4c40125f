"""Factories of government information disclosure and their isolation factories."""

import itertools
from datetime import date

from fazhi.core.testing.isolation import isolation_factory
from fazhi.disclosure.models import (
    ApplicantType,
    Category,
    DisclosureRequest,
    DocumentKind,
    DocumentTemplate,
    Interpretation,
    InterpretationForm,
    Letter,
    LetterChannel,
    ProactiveItem,
    RequestChannel,
)

_seq = itertools.count(1)


@isolation_factory("disclosure.ProactiveItem")
def make_item(unit, **fields) -> ProactiveItem:
    n = next(_seq)
    values = {
        "source_ref": f"CMS{n}", "title": f"公开信息{n}", "column": "政务动态",
        "category": Category.WORK, "formed_on": date(2024, 3, 1),
        "published_on": date(2024, 3, 4), "due_date": date(2024, 3, 29), "on_time": True,
    }  # fmt: skip
    values.update(fields)
    return ProactiveItem.objects.create(unit=unit, **values)


@isolation_factory("disclosure.Interpretation")
def make_interpretation(unit, **fields) -> Interpretation:
    values = {"title": f"解读{next(_seq)}", "form": InterpretationForm.TEXT,
              "published_on": date(2024, 3, 5)}  # fmt: skip
    values.update(fields)
    return Interpretation.objects.create(unit=unit, **values)


@isolation_factory("disclosure.Letter")
def make_letter(unit, **fields) -> Letter:
    values = {"number": f"XJ{next(_seq)}", "channel": LetterChannel.PORTAL,
              "received_on": date(2024, 3, 1), "subject": "咨询", "due_date": date(2024, 3, 15)}  # fmt: skip
    values.update(fields)
    return Letter.objects.create(unit=unit, **values)


@isolation_factory("disclosure.DisclosureRequest")
def make_request(unit, **fields) -> DisclosureRequest:
    values = {
        "number": f"YSQ{next(_seq)}", "applicant_name": "张三", "applicant_type": ApplicantType.PERSON,
        "channel": RequestChannel.IN_PERSON, "submitted_on": date(2024, 3, 1),
        "received_on": date(2024, 3, 1), "description": "某项目的批复文件",
    }  # fmt: skip
    values.update(fields)
    return DisclosureRequest.objects.create(unit=unit, **values)


@isolation_factory("disclosure.DocumentTemplate")
def make_template(unit, **fields) -> DocumentTemplate:
    values = {"kind": DocumentKind.REPLY, "title": "答复书", "body": "{申请人}：答复如下。"}
    values.update(fields)
    return DocumentTemplate.objects.create(unit=unit, **values)
