"""The public legal services' demo data at rest: raw SQL over every table of the three
registers (and their audit tables) and a pg_dump of the database find no plaintext identity
number, phone or address of any applicant, party or subject (security.md D2)."""

import os
import re
import subprocess
from shutil import which

import pytest
from django.db import connection
from stdnum.cn import ric

from fazhi.corrections.demo import load_corrections
from fazhi.corrections.models import Subject
from fazhi.demo.structure import load_structure
from fazhi.demo.users import load_users
from fazhi.legal_aid.demo import load_legal_aid
from fazhi.legal_aid.models import AidCase
from fazhi.mediation.demo import load_mediation
from fazhi.mediation.models import Party

pytestmark = pytest.mark.django_db(transaction=True)

ID_PATTERN = re.compile(r"(?<!\d)\d{17}[\dX](?!\d)")


def plaintexts() -> set[str]:
    values = set()
    for case in AidCase.objects.all():
        values |= {case.applicant_id_number, case.applicant_phone, case.applicant_address}
    for party in Party.objects.all():
        values |= {party.id_number, party.phone, party.address}
    for subject in Subject.objects.all():
        values |= {subject.id_number, subject.phone, subject.address}
    return {v for v in values if v}


EDGE = r"[0-9A-Za-z_$-]"
NUMBER = re.compile(rf"(?<!{EDGE})\d[\dX]{{6,17}}(?!{EDGE})")
ADDRESS_START = "衡阳市蒸湘区"


def found(secrets: set[str], text: str) -> list[str]:
    """Secrets standing as whole values in `text`. Numbers (identity numbers, phones) count only
    as whole tokens: a digit run inside a base64 ciphertext has base64 characters around it.
    The demo's addresses all start with 衡阳市蒸湘区: every occurrence of it is checked."""
    numbers = set(NUMBER.findall(text))
    hits = [v for v in secrets if v in numbers]
    addresses = {v for v in secrets if v.startswith(ADDRESS_START)}
    lengths = {len(v) for v in addresses}
    start = text.find(ADDRESS_START)
    while start != -1:
        hits += [text[start : start + n] for n in lengths if text[start : start + n] in addresses]
        start = text.find(ADDRESS_START, start + 1)
    return hits


def table_rows(prefixes) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema='public'"
        )
        tables = [t for (t,) in cursor.fetchall() if t.startswith(prefixes)]
        texts = []
        for table in tables:
            cursor.execute(f'SELECT t::text FROM "{table}" t')  # noqa: S608 - names from the catalog
            texts.extend(row for (row,) in cursor.fetchall())
    return "\n".join(texts)


@pytest.fixture
def demo():
    units = load_structure()
    context = {"units": units, "users": load_users(units)}
    load_legal_aid(context)
    load_mediation(context)
    load_corrections(context)
    return context


def test_no_plaintext_identifier_in_raw_sql_or_a_pg_dump(demo):
    secrets = plaintexts()
    ids = {v for v in secrets if ID_PATTERN.fullmatch(v)}
    assert len(ids) > 400  # applicants, parties and subjects of the demo
    raw = table_rows(("legal_aid_", "mediation_", "corrections_", "deadlines_", "core_accessevent"))
    assert found(secrets, raw) == []
    assert not any(ric.is_valid(m) for m in ID_PATTERN.findall(raw))

    if which("pg_dump") is None:
        pytest.skip("pg_dump 未安装")
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    dump = subprocess.run(
        [
            "pg_dump",
            "--data-only",
            "-h",
            settings.get("HOST") or "127.0.0.1",
            "-p",
            str(settings.get("PORT") or 5432),
            "-U",
            settings.get("USER") or "postgres",
            settings["NAME"],
        ],
        capture_output=True,
        check=True,
        env=env,
        timeout=600,
    ).stdout.decode()
    assert "fz1$" in dump  # the ciphertexts are there
    assert found(secrets, dump) == []
    assert not any(ric.is_valid(m) for m in ID_PATTERN.findall(dump))
