"""D2: the applicant's ID number and phone are stored encrypted (no plaintext in the register
or its history), read back by the ORM, and found by exact search through the blind index."""

import re

import pytest
from django.db import connection

from fazhi.core.crypto import blind_index
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.tests.factories import registered

ID_PATTERN = re.compile(r"\d{17}[\dX]")


@pytest.mark.django_db
def test_raw_sql_finds_no_id_number_or_phone(recon_officer, unit_a):
    case = registered(recon_officer, unit_a)
    case.refresh_from_db()
    number, phone = case.applicant_id_number, case.applicant_phone
    assert ID_PATTERN.fullmatch(number)
    with connection.cursor() as cursor:
        for table in (
            "reconsideration_reconsiderationcase",
            "reconsideration_reconsiderationcaseevent",
        ):
            cursor.execute(f"SELECT applicant_id_number, applicant_phone FROM {table}")
            dump = " ".join(str(v) for row in cursor.fetchall() for v in row)
            assert dump and ID_PATTERN.search(dump) is None, table
            assert number not in dump and (not phone or phone not in dump)
    assert (
        ReconsiderationCase.objects.filter(
            applicant_id_number_index=blind_index(number, "id_number")
        ).get()
        == case
    )


# --- issue 11: the parties' ID numbers and phones, the plaintiff's ID number ----------------


class _Editor:
    """What a RunPython function uses of the schema editor: its connection."""

    connection = connection


def _migration(name):
    import importlib

    return importlib.import_module(name)


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_party_id_number_and_phone_are_encrypted_and_shown_masked(recon_officer, unit_a):
    from fazhi.reconsideration import services
    from fazhi.reconsideration.tests.factories import PERSON_ID_2

    case = registered(recon_officer, unit_a)
    party = services.party_add(
        actor=recon_officer,
        case=case,
        role="third_party",
        name="李四",
        id_type="resident_id",
        id_number=PERSON_ID_2,
        phone="13912345678",
    )
    with connection.cursor() as cursor:
        for table in ("reconsideration_caseparty", "reconsideration_casepartyevent"):
            cursor.execute(f"SELECT id_number, phone FROM {table}")
            dump = " ".join(str(v) for row in cursor.fetchall() for v in row)
            assert dump and PERSON_ID_2 not in dump and "13912345678" not in dump, table
    party.refresh_from_db()
    assert party.id_number == PERSON_ID_2 and party.phone == "13912345678"
    assert party.masked_id_number == "430408********002X"
    assert party.masked_phone == "139****5678"


@pytest.mark.django_db
def test_the_migration_encrypts_plaintext_party_rows_without_a_history_row(recon_officer, unit_a):
    """Rows written before the change (plaintext) are encrypted in place; the rewrite adds no
    history row; the reverse gives the plaintext back."""
    from fazhi.reconsideration.models import CaseParty

    migration = _migration("fazhi.reconsideration.migrations.0006_encrypt_party_identity")
    case = registered(recon_officer, unit_a)
    party = CaseParty.objects.create(case=case, role="agent", name="王律师", phone="")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE reconsideration_caseparty SET id_number = %s, phone = %s WHERE id = %s",
            ["430408198001010016", "13800001111", party.pk],
        )
        cursor.execute("SELECT COUNT(*) FROM reconsideration_casepartyevent")
        history = cursor.fetchone()[0]
    migration.encrypt_existing(None, _Editor())
    stored = _raw("reconsideration_caseparty", "id_number", party.pk)
    assert stored != "430408198001010016" and "430408" not in stored
    party.refresh_from_db()
    assert party.id_number == "430408198001010016" and party.phone == "13800001111"
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM reconsideration_casepartyevent")
        assert cursor.fetchone()[0] == history
    migration.encrypt_existing(None, _Editor())  # idempotent: ciphertext is left alone
    party.refresh_from_db()
    assert party.id_number == "430408198001010016"
    migration.decrypt_existing(None, _Editor())
    assert _raw("reconsideration_caseparty", "phone", party.pk) == "13800001111"


@pytest.mark.django_db
def test_the_plaintiff_id_number_is_encrypted_and_the_migration_encrypts_old_rows(
    recon_officer, unit_a
):
    from fazhi.litigation import services as litigation
    from fazhi.litigation.tests.factories import lawsuit_data
    from fazhi.reconsideration.tests.factories import PERSON_ID

    lawsuit = litigation.lawsuit_register(actor=recon_officer, **lawsuit_data(unit_a))
    assert PERSON_ID not in _raw("litigation_lawsuit", "plaintiff_id_number", lawsuit.pk)
    lawsuit.refresh_from_db()
    assert lawsuit.plaintiff_id_number == PERSON_ID
    assert lawsuit.masked_plaintiff_id_number == "430408********0016"
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE litigation_lawsuit SET plaintiff_id_number = %s WHERE id = %s",
            [PERSON_ID, lawsuit.pk],
        )
    migration = _migration("fazhi.litigation.migrations.0004_encrypt_plaintiff_id_number")
    migration.encrypt_existing(None, _Editor())
    assert PERSON_ID not in _raw("litigation_lawsuit", "plaintiff_id_number", lawsuit.pk)
    lawsuit.refresh_from_db()
    assert lawsuit.plaintiff_id_number == PERSON_ID


@pytest.mark.django_db
def test_the_respondent_reads_party_numbers_masked(verified_client, recon_officer, head_a, unit_a):
    """D2: the respondent unit reads the case but cannot edit it: the third party's ID number
    43040819920315002X and phone 13912345678 show as 430408********002X and 139****5678."""
    from django.urls import reverse

    from fazhi.reconsideration import services
    from fazhi.reconsideration.tests.factories import PERSON_ID_2

    case = registered(recon_officer, unit_a)
    services.party_add(
        actor=recon_officer,
        case=case,
        role="third_party",
        name="李四",
        id_type="resident_id",
        id_number=PERSON_ID_2,
        phone="13912345678",
    )
    url = reverse("admin:reconsideration_reconsiderationcase_change", args=[case.pk])
    html = verified_client(head_a).get(url).content.decode()
    assert "430408********002X" in html and "139****5678" in html
    assert PERSON_ID_2 not in html and "13912345678" not in html
