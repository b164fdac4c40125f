"""Application data, a quick way through the procedure, and the isolation factories."""

from datetime import date

from django.db import transaction

from fazhi.core.testing.factories import UnitFactory
from fazhi.core.testing.isolation import isolation_factory
from fazhi.reconsideration.models import (
    ActType,
    AdministrativeField,
    ApplicantKind,
    CaseNumberCounter,
    Channel,
    DocumentKind,
    DocumentTemplate,
    IdType,
    LedgerImport,
    OpinionLetter,
    ReconsiderationCase,
)
from fazhi.reconsideration.numbering import allocate_case_number

PERSON_ID = "430408198001010016"  # valid check digit
PERSON_ID_2 = "43040819920315002X"
COMPANY_USCC = "91430408MA4L00001M"


def application(respondent, **overrides) -> dict:
    """Registration data of a written application received on 2024-03-04, in time."""
    data = {
        "applicant_kind": ApplicantKind.PERSON,
        "applicant_name": "张三",
        "applicant_id_type": IdType.RESIDENT_ID,
        "applicant_id_number": PERSON_ID,
        "applicant_phone": "13800000000",
        "applicant_address": "衡阳市蒸湘区联合街道",
        "respondent_unit": respondent,
        "act_type": ActType.PENALTY,
        "act_description": "行政处罚决定（罚款5000元）",
        "act_document_number": "蒸人社罚〔2024〕3号",
        "act_date": date(2024, 2, 1),
        "field": AdministrativeField.HUMAN_RESOURCES,
        "act_amount": 5000,
        "request": "撤销该行政处罚决定",
        "facts": "被申请人认定申请人未按时缴纳社会保险费并处罚款。",
        "reasons": "认定事实不清，适用依据错误。",
        "channel": Channel.WRITTEN,
        "received_on": date(2024, 3, 4),
        "known_on": date(2024, 2, 2),
    }
    data.update(overrides)
    return data


@isolation_factory("reconsideration.ReconsiderationCase")
def case_for_unit(unit):
    respondent = UnitFactory(division=unit.division)
    with transaction.atomic():
        number, serial = allocate_case_number(unit, 2024)
        return ReconsiderationCase.objects.create(
            unit=unit,
            case_number=number,
            case_year=2024,
            case_serial=serial,
            **application(respondent),
        )


@isolation_factory("reconsideration.CaseNumberCounter")
def counter_for_unit(unit):
    return CaseNumberCounter.objects.create(
        unit=unit, year=2030, pattern="测复〔{year}〕{number}号"
    )


@isolation_factory("reconsideration.OpinionLetter")
def opinion_letter_for_unit(unit):
    case = case_for_unit(unit)
    return OpinionLetter.objects.create(
        unit=unit,
        case=case,
        recipient_unit=case.respondent_unit,
        content="建议规范送达程序。",
        issued_on=date(2024, 6, 1),
    )


@isolation_factory("reconsideration.DocumentTemplate")
def template_for_unit(unit):
    from django.core.files.base import ContentFile

    from fazhi.reconsideration.documents import default_template_bytes

    template = DocumentTemplate(unit=unit, kind=DocumentKind.ACCEPTANCE_NOTICE)
    template.file.save(
        "acceptance.docx",
        ContentFile(default_template_bytes(DocumentKind.ACCEPTANCE_NOTICE)),
        save=False,
    )
    template.save()
    return template


@isolation_factory("reconsideration.LedgerImport")
def ledger_import_for_unit(unit):
    return LedgerImport.objects.create(unit=unit, file_name="台账.xlsx", sha256="0" * 64)


def registered(officer, respondent, **overrides):
    from fazhi.reconsideration import services

    return services.case_register(actor=officer, **application(respondent, **overrides))


def accepted(officer, respondent, *, on=date(2024, 3, 8), **overrides):
    """A case received 2024-03-04 and accepted (normal procedure) on `on`."""
    from fazhi.reconsideration import services

    case = registered(officer, respondent, **overrides)
    return services.case_accept(actor=officer, case=case, on=on)


def heard(officer, case, *, on=date(2024, 3, 20)):
    """Record the hearing of views that the normal procedure requires (复议法 49)."""
    from fazhi.reconsideration import services

    services.case_record_hearing(
        actor=officer, case=case, kind="views", method="phone", held_on=on, views="申请人坚持请求。"
    )
    case.refresh_from_db()
    return case
