"""Factories of legal aid and its isolation factories. Identity numbers are made valid by
computing their check digit (python-stdnum), never typed from a real person."""

import itertools
from datetime import date
from decimal import Decimal

from stdnum.cn import ric

from fazhi.core.testing.isolation import isolation_factory
from fazhi.legal_aid.models import (
    AidCase,
    Category,
    Channel,
    Consultation,
    ConsultChannel,
    DocumentTemplate,
    Matter,
    Origin,
    SubsidyRate,
)

_seq = itertools.count(1)


def resident_id(birth: str = "19800101", serial: int | None = None, region: str = "430408") -> str:
    """A valid-looking 18-digit resident ID for tests (check digit computed)."""
    body = f"{region}{birth}{(serial if serial is not None else next(_seq)) % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


@isolation_factory("legal_aid.AidCase")
def make_case(unit, **fields) -> AidCase:
    n = next(_seq)
    values = {
        "number": f"法援〔2024〕{n}号",
        "year": 2024,
        "serial": n,
        "origin": Origin.APPLICATION,
        "channel": Channel.VISIT,
        "category": Category.CIVIL,
        "matter": Matter.LABOUR,
        "summary": "追索劳动报酬",
        "received_on": date(2024, 3, 4),
        "applicant_name": f"申请人{n}",
        "applicant_gender": "male",
        "applicant_id_number": resident_id(),
        "applicant_phone": "13800001111",
        "applicant_address": "蒸湘区某路1号",
    }
    values.update(fields)
    return AidCase.objects.create(unit=unit, **values)


@isolation_factory("legal_aid.Consultation")
def make_consultation(unit, **fields) -> Consultation:
    values = {
        "consulted_on": date(2024, 3, 4),
        "channel": ConsultChannel.VISIT,
        "topic": Matter.LABOUR,
    }
    values.update(fields)
    return Consultation.objects.create(unit=unit, **values)


@isolation_factory("legal_aid.SubsidyRate")
def make_rate(unit, **fields) -> SubsidyRate:
    values = {
        "category": Category.CIVIL,
        "amount": Decimal("1500.00"),
        "effective_from": date(2024, 1, next(_seq) % 28 + 1),
    }
    values.update(fields)
    return SubsidyRate.objects.create(unit=unit, **values)


@isolation_factory("legal_aid.DocumentTemplate")
def make_template(unit, **fields) -> DocumentTemplate:
    from django.core.files.base import ContentFile

    from fazhi.legal_aid.documents import default_template_bytes

    template = DocumentTemplate(unit=unit, kind=fields.pop("kind", "assignment_notice"), **fields)
    template.file.save("t.docx", ContentFile(default_template_bytes(template.kind)), save=False)
    template.save()
    return template
