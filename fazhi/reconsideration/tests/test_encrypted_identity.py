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
