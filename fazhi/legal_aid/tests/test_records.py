"""Legal aid records: encrypted identifiers, imports that write nothing on a bad row,
consultations, indicators counted by hand, the public notice, audited views and exports."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from docx import Document
from openpyxl import Workbook, load_workbook

from fazhi.core.crypto import blind_index
from fazhi.core.imports import run_import
from fazhi.core.models import AccessEvent, AccessEventKind, Role
from fazhi.core.testing.factories import UserFactory
from fazhi.core.xlsx import ImportProblems
from fazhi.indicators.selectors import indicator_values
from fazhi.legal_aid import documents, imports, selectors, services
from fazhi.legal_aid.models import AidCase, Consultation
from fazhi.legal_aid.personal import personal_export
from fazhi.legal_aid.tests.factories import resident_id

pytestmark = pytest.mark.django_db

ID_PATTERN = re.compile(r"\d{17}[\dX]")


@pytest.fixture
def officer(justice_bureau):
    return UserFactory(username="aid_officer", unit=justice_bureau, roles=[Role.CLERK])


def register(officer, **overrides):
    values = {
        "origin": "application",
        "channel": "visit",
        "category": "civil",
        "matter": "labour",
        "summary": "追索劳动报酬",
        "received_on": date(2024, 3, 4),
        "applicant_name": "孙二",
        "applicant_gender": "female",
        "applicant_id_number": resident_id("19880808", 7),
        "applicant_phone": "13700002222",
        "applicant_address": "蒸湘区红湘街道幸福里8号",
        "means_test": "passed",
    }
    values.update(overrides)
    return services.case_register(actor=officer, **values)


def sheet(headers, rows) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_raw_sql_finds_no_plaintext_identifier_and_the_blind_index_finds_the_case(officer):
    number = resident_id("19880808", 7)
    case = register(officer)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT applicant_id_number, applicant_phone, applicant_address FROM legal_aid_aidcase"
        )
        stored = cursor.fetchone()
        cursor.execute("SELECT applicant_id_number::text FROM legal_aid_aidcaseevent")
        history = [row[0] for row in cursor.fetchall()]
    assert all(value.startswith("fz1$") for value in stored)
    joined = " ".join(stored + tuple(history))
    assert number not in joined and "13700002222" not in joined and "幸福里" not in joined
    assert not ID_PATTERN.search(joined)
    found = AidCase.objects.filter(applicant_id_index=blind_index(number, "resident_id"))
    assert list(found) == [case] and found.get().applicant_id_number == number


def test_case_import_with_a_bad_identity_number_names_row_and_column_and_writes_nothing(officer):
    good = resident_id("19700101", 3)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    headers = [c.header for c in imports.CASE_COLUMNS]

    def row(number, name):
        return [
            "2024-05-06",
            "来访申请",
            "民事",
            "",
            "请求确认劳动关系或者支付劳动报酬",
            name,
            "男",
            number,
            "13600000000",
            "蒸湘区某村",
            "讨薪",
            "经核查符合经济困难标准",
            "",
        ]

    data = sheet(headers, [row(good, "甲"), row(bad, "乙")])
    with pytest.raises(ImportProblems) as problems:
        run_import(imports.CASE_IMPORT, data, actor=officer)
    (error,) = problems.value.errors
    assert (error.row, error.column) == (3, "身份证号码") and "校验位" in error.reason
    assert bad not in str(error)
    assert AidCase.objects.count() == 0
    result = run_import(imports.CASE_IMPORT, sheet(headers, [row(good, "甲")]), actor=officer)
    assert result.created == 1 and AidCase.objects.get().applicant_id_number == good
    with pytest.raises(ValidationError, match="此前均已导入"):
        run_import(imports.CASE_IMPORT, sheet(headers, [row(good, "甲")]), actor=officer)


def test_daily_tally_import_and_fast_entry_add_up(officer):
    headers = [c.header for c in imports.TALLY_COLUMNS]
    data = sheet(headers, [["2024-03-04", "来访", "", 12, ""], ["2024-03-04", "来电", "", 9, ""]])
    assert run_import(imports.TALLY_IMPORT, data, actor=officer).created == 2
    services.consultation_record(actor=officer, consulted_on=date(2024, 3, 5), channel="visit")
    bad = sheet(headers, [["2024-03-06", "来访", "", 3, ""], ["2024-03-06", "传真", "", 2, ""]])
    with pytest.raises(ImportProblems) as problems:
        run_import(imports.TALLY_IMPORT, bad, actor=officer)
    assert problems.value.errors[0].row == 3 and problems.value.errors[0].column == "咨询方式"
    assert Consultation.objects.count() == 3
    values = indicator_values(
        ["legal_aid.visits", "legal_aid.calls"], division_or_unit=officer.unit, year=2024
    )
    assert values["legal_aid.visits"].value == 13 and values["legal_aid.calls"].value == 9
    assert values["legal_aid.visits"].source == "computed"


def test_case_indicators_count_granted_cases_by_category_and_stage(officer):
    civil = register(officer)
    services.case_grant(actor=officer, case=civil, on=date(2024, 3, 8))
    register(officer)  # received, never decided: not counted
    for stage in ("trial", "trial", "prosecution"):
        register(
            officer,
            origin="notification",
            notifying_organ="court",
            category="criminal",
            criminal_stage=stage,
            matter="criminal_defence",
            applicant_id_number="",
        )
    register(
        officer,
        origin="notification",
        notifying_organ="procuratorate",
        category="legal_help",
        criminal_stage="prosecution",
        matter="criminal_defence",
        applicant_id_number="",
    )
    register(officer, received_on=date(2023, 12, 28), means_test="passed")  # another year
    codes = [
        "legal_aid.cases",
        "legal_aid.cases_criminal",
        "legal_aid.cases_civil",
        "legal_aid.cases_legal_help",
        "legal_aid.cases_criminal_trial",
        "legal_aid.cases_criminal_prosecution",
    ]
    values = indicator_values(codes, division_or_unit=officer.unit.division, year=2024)
    assert [values[c].value for c in codes] == [5, 3, 1, 1, 2, 1]


def test_public_notice_is_generated_from_records(officer):
    services.subsidy_rate_set(
        actor=officer, category="civil", amount=Decimal("1000"), effective_from=date(2024, 1, 1)
    )
    case = register(officer)
    case = services.case_grant(actor=officer, case=case, on=date(2024, 3, 8))
    case = services.case_assign(
        actor=officer,
        case=case,
        on=date(2024, 3, 9),
        provider_kind="lawyer",
        provider_name="王律师",
    )
    services.quality_check_record(
        actor=officer, case=case, kind="court_attendance", checked_on=date(2024, 4, 1), passed=True
    )
    services.quality_check_record(
        actor=officer, case=case, kind="client_callback", checked_on=date(2024, 5, 1), passed=False
    )
    services.case_close(
        actor=officer,
        case=case,
        on=date(2024, 6, 1),
        result="judgment",
        report="胜诉",
        documents_submitted=True,
    )
    services.consultation_record(actor=officer, consulted_on=date(2024, 2, 1), channel="phone")
    notice = selectors.public_notice([officer.unit], 2024, on=date(2025, 1, 10))
    text = "\n".join(
        p.text
        for p in Document(
            io.BytesIO(documents.public_notice(notice, unit_name="蒸湘区司法局"))
        ).paragraphs
    )
    assert "全年受理法律援助案件1件，其中刑事0件，民事1件，行政0件，法律帮助0件；办结1件" in text
    assert "来访咨询0人次，来电咨询1人次" in text
    assert "全年支付办案补贴1000.00元，涉及结案1件" in text
    assert "开展质量检查2次" in text and "合格1次，不合格1次" in text


def test_personal_export_needs_a_reason_is_watermarked_and_audited(officer):
    with pytest.raises(ValidationError, match="用途"):
        personal_export(
            actor=officer, request=None, label="法律援助案件", headers=["a"], rows=[], reason=""
        )
    content = personal_export(
        actor=officer,
        request=None,
        label="法律援助案件",
        headers=["姓名"],
        rows=[["孙二"]],
        reason="核对受援人名单",
    )
    ws = load_workbook(io.BytesIO(content)).active
    assert "aid_officer" in ws["A1"].value and "核对受援人名单" in ws["A1"].value
    assert "aid_officer" in ws.oddHeader.center.text
    assert ws["A3"].value == "孙二"
    event = AccessEvent.objects.get(kind=AccessEventKind.EXPORT, user=officer)
    assert event.detail == {
        "model": "法律援助案件",
        "rows": 1,
        "personal": True,
        "reason": "核对受援人名单",
    }


def test_admin_pages_mask_identifiers_and_log_each_view(client, officer, clerk_a):
    case = register(officer)
    client.force_login(officer)
    url = reverse("admin:legal_aid_aidcase_change", args=[case.pk])
    page = client.get(url).content.decode()
    number = case.applicant_id_number
    assert number not in page and number[:6] + "********" + number[-4:] in page
    assert "13700002222" not in page
    reveal = client.get(
        reverse("admin:legal_aid_aidcase_personal", args=[case.pk])
    ).content.decode()
    assert number in reveal
    views = AccessEvent.objects.filter(kind=AccessEventKind.SENSITIVE_VIEW, object_id=str(case.pk))
    assert views.count() == 2 and views.filter(detail__full=True).count() == 1
    search = client.get(reverse("admin:legal_aid_aidcase_changelist"), {"q": number})
    assert case.number in search.content.decode()
    client.force_login(clerk_a)
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("admin:legal_aid_aidcase_personal", args=[case.pk])).status_code == 404
    )


def test_statistics_table_matches_the_indicator(client, officer):
    case = register(officer)
    services.case_grant(actor=officer, case=case, on=date(2024, 3, 8))
    client.force_login(officer)
    response = client.get(reverse("admin:legal_aid_aidcase_statistics"), {"year": "2024"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1] == ("法律援助案件", "合计", 1)
    assert ("法律援助案件", "民事", 1) in rows
    value = indicator_values(["legal_aid.cases"], division_or_unit=officer.unit, year=2024)
    assert value["legal_aid.cases"].value == 1
