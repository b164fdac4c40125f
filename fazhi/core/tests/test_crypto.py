"""Field-level encryption (security.md D2): no plaintext in the table, AEAD refuses a flipped
byte, the key id travels with the value, re-keying rotates every row, blind-index search."""

import base64
import io
import re

import pytest
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models

from fazhi.core import crypto

ID_NUMBER = "430408199003071234"
PHONE = "13875675678"
ID_PATTERN = re.compile(r"\d{17}[\dXx]")


class Applicant(models.Model):
    """A throw-away table for these tests only (created and dropped around each test)."""

    name = models.CharField(max_length=32)
    id_number = crypto.EncryptedTextField(blank=True, purpose="test.applicant.id_number")
    id_number_index = crypto.BlindIndexField(source="id_number", purpose="id_number")
    phone = crypto.EncryptedTextField(blank=True, null=True)

    class Meta:
        app_label = "core"
        managed = False

    def __str__(self) -> str:
        return self.name


KEY_A = "a:sm4gcm:" + base64.b64encode(b"A" * 16).decode()
KEY_B = "b:aesgcm:" + base64.b64encode(b"B" * 32).decode()
BLIND = base64.b64encode(b"K" * 32).decode()


@pytest.fixture
def keys(monkeypatch):
    def use(spec: str, current: str | None = None, blind: str = BLIND):
        monkeypatch.setenv("FAZHI_FIELD_KEYS", spec)
        monkeypatch.setenv("FAZHI_BLIND_INDEX_KEY", blind)
        if current:
            monkeypatch.setenv("FAZHI_FIELD_KEY_ID", current)
        else:
            monkeypatch.delenv("FAZHI_FIELD_KEY_ID", raising=False)
        crypto.reset_keyring()

    yield use
    monkeypatch.undo()
    crypto.reset_keyring()


@pytest.fixture
def applicant_table(db):
    with connection.schema_editor() as editor:
        editor.create_model(Applicant)
    Applicant._meta.managed = True
    yield Applicant
    Applicant._meta.managed = False
    with connection.schema_editor() as editor:
        editor.delete_model(Applicant)


def raw_rows(column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM core_applicant ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_raw_sql_finds_no_plaintext_and_the_orm_reads_it_back(keys, applicant_table):
    keys(KEY_A)
    Applicant.objects.create(name="张三", id_number=ID_NUMBER, phone=PHONE)
    stored = raw_rows("id_number")[0]
    assert stored.startswith("fz1$a$")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone, id_number_index FROM core_applicant")
        dump = " ".join(str(v) for v in cursor.fetchone())
    assert ID_NUMBER not in dump and PHONE not in dump
    assert ID_PATTERN.search(dump) is None
    applicant = Applicant.objects.get()
    assert (applicant.id_number, applicant.phone) == (ID_NUMBER, PHONE)


def test_same_value_encrypts_differently_each_time(keys, applicant_table):
    keys(KEY_A)
    Applicant.objects.create(name="甲", id_number=ID_NUMBER)
    Applicant.objects.create(name="乙", id_number=ID_NUMBER)
    first, second = raw_rows("id_number")
    assert first != second


def test_flipping_one_ciphertext_byte_makes_decryption_fail(keys, applicant_table):
    keys(KEY_A)
    Applicant.objects.create(name="张三", id_number=ID_NUMBER)
    stored = raw_rows("id_number")[0]
    prefix, body = stored.rsplit("$", 1)
    blob = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    blob[20] ^= 0x01
    tampered = f"{prefix}${base64.urlsafe_b64encode(bytes(blob)).decode().rstrip('=')}"
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_applicant SET id_number = %s", [tampered])
    with pytest.raises(crypto.DecryptionFailed):
        Applicant.objects.get()


def test_a_ciphertext_moved_to_another_column_does_not_decrypt(keys, applicant_table):
    keys(KEY_A)
    Applicant.objects.create(name="张三", id_number=ID_NUMBER, phone=PHONE)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_applicant SET phone = id_number")
    with pytest.raises(crypto.DecryptionFailed):
        Applicant.objects.get()


def test_blind_index_finds_the_exact_value_in_any_width(keys, applicant_table):
    keys(KEY_A)
    wanted = Applicant.objects.create(name="张三", id_number="43040819900307123X")
    Applicant.objects.create(name="李四", id_number=ID_NUMBER)
    full_width = "４３０４０８１９９００３０７１２３ｘ"
    found = Applicant.objects.filter(id_number_index=crypto.blind_index(full_width, "id_number"))
    assert list(found) == [wanted]
    assert raw_rows("id_number_index")[0] != crypto.blind_index(full_width, "phone")


def test_value_lookups_on_an_encrypted_column_are_refused(keys, applicant_table):
    keys(KEY_A)
    with pytest.raises(FieldError, match="盲索引"):
        list(Applicant.objects.filter(id_number=ID_NUMBER))
    with pytest.raises(FieldError, match="盲索引"):
        list(Applicant.objects.filter(id_number__contains="1990"))
    assert Applicant.objects.filter(id_number="").count() == 0
    assert Applicant.objects.filter(phone__isnull=True).count() == 0


def test_rekey_rotates_every_row_and_the_old_key_can_go(keys, applicant_table):
    keys(KEY_A)
    for n in range(3):
        Applicant.objects.create(name=f"申请人{n}", id_number=ID_NUMBER, phone=PHONE)
    keys(f"{KEY_A};{KEY_B}", current="b")
    assert {crypto.key_id_of(v) for v in raw_rows("id_number")} == {"a"}
    with pytest.raises(CommandError, match="旧密钥"):
        call_command("rekey", "--check", stdout=io.StringIO())
    call_command("rekey", stdout=io.StringIO())
    assert {crypto.key_id_of(v) for v in raw_rows("id_number") + raw_rows("phone")} == {"b"}
    keys(KEY_B)
    assert [a.id_number for a in Applicant.objects.all()] == [ID_NUMBER] * 3
    call_command("rekey", "--check", stdout=io.StringIO())


def test_rekey_reindex_follows_a_new_blind_index_key(keys, applicant_table):
    keys(KEY_A)
    Applicant.objects.create(name="张三", id_number=ID_NUMBER)
    new_blind = base64.b64encode(b"N" * 32).decode()
    keys(KEY_A, blind=new_blind)
    lookup = crypto.blind_index(ID_NUMBER, "id_number")
    assert not Applicant.objects.filter(id_number_index=lookup).exists()
    call_command("rekey", "--reindex", stdout=io.StringIO())
    assert Applicant.objects.filter(id_number_index=lookup).exists()


def test_unknown_key_id_is_a_decryption_failure(keys, applicant_table):
    keys(KEY_A)
    Applicant.objects.create(name="张三", id_number=ID_NUMBER)
    keys(KEY_B)
    with pytest.raises(crypto.DecryptionFailed, match="没有密钥"):
        Applicant.objects.get()


@pytest.mark.parametrize(
    "spec",
    ["a:sm4gcm:" + base64.b64encode(b"short").decode(), "nocolons", "a:des:QUFBQQ==", "a b:x:y"],
)
def test_bad_key_configuration_is_refused(monkeypatch, spec):
    monkeypatch.setenv("FAZHI_FIELD_KEYS", spec)
    with pytest.raises(ImproperlyConfigured):
        crypto.keyring_from_environment()


def test_development_keys_are_marked():
    assert crypto.keyring_from_environment({}).uses_development_keys
    assert not crypto.keyring_from_environment(
        {"FAZHI_FIELD_KEYS": KEY_B, "FAZHI_BLIND_INDEX_KEY": BLIND}
    ).uses_development_keys


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        ("43040819900307123X", "id", "430408********123X"),
        ("13875675678", "phone", "138****5678"),
        ("张三丰", "name", "张**"),
        ("", "id", ""),
    ],
)
def test_masked_display(value, kind, shown):
    assert crypto.mask(value, kind) == shown


def test_an_encrypted_field_with_a_length_is_a_one_line_input_in_every_admin():
    """The admins give every text field a text box; an ID number or phone stays one line."""
    from django.contrib.admin.widgets import AdminTextareaWidget, AdminTextInputWidget
    from unfold.widgets import UnfoldAdminTextareaWidget, UnfoldAdminTextInputWidget

    from fazhi.core.crypto import EncryptedTextField

    field = EncryptedTextField("证件号码", max_length=32, purpose="test.id_number")
    assert isinstance(field.formfield(widget=AdminTextareaWidget).widget, AdminTextInputWidget)
    unfold = field.formfield(widget=UnfoldAdminTextareaWidget).widget
    assert isinstance(unfold, UnfoldAdminTextInputWidget)
    assert field.formfield().widget.input_type == "text"
    address = EncryptedTextField("住址", purpose="test.address")  # no length: a text box
    assert isinstance(address.formfield(widget=AdminTextareaWidget).widget, AdminTextareaWidget)
