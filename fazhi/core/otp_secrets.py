"""TOTP secrets encrypted at rest (security.md A7; GB/T 39786 §8.4).

django-otp keeps `TOTPDevice.key` as hex in a CharField(80). Here the column holds the AEAD
ciphertext of the binary secret instead (`fz1$<key id>$…`, 72–77 characters); the model
instance keeps the hex secret in memory (decrypted on load, encrypted just before save), so
django-otp works unchanged. `manage.py rekey` rotates these values with the field keys.
"""

from __future__ import annotations

import binascii

from django.db.models.signals import post_init, post_save, pre_save

from fazhi.core import crypto

PURPOSE = "otp_totp.key"
MAX_STORED = 80


def _model():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice


def encrypt_secret(hex_key: str) -> str:
    stored = crypto.keyring().seal_bytes(binascii.unhexlify(hex_key), PURPOSE)
    if len(stored) > MAX_STORED:
        raise ValueError("动态口令密钥过长，无法加密保存（最长 24 字节）。")
    return stored


def decrypt_secret(stored: str) -> str:
    return binascii.hexlify(crypto.keyring().open(stored, PURPOSE)).decode()


def _on_load(sender, instance, **kwargs):
    if crypto.is_ciphertext(instance.key):
        instance.key = decrypt_secret(instance.key)


def _before_save(sender, instance, raw=False, **kwargs):
    if not crypto.is_ciphertext(instance.key):
        instance._plain_key = instance.key
        instance.key = encrypt_secret(instance.key)


def _after_save(sender, instance, **kwargs):
    plain = getattr(instance, "_plain_key", None)
    if plain is not None:
        instance.key = plain
        instance._plain_key = None


def connect() -> None:
    model = _model()
    post_init.connect(_on_load, sender=model, dispatch_uid="fazhi_otp_load")
    pre_save.connect(_before_save, sender=model, dispatch_uid="fazhi_otp_encrypt")
    post_save.connect(_after_save, sender=model, dispatch_uid="fazhi_otp_restore")
    entry = (model._meta.db_table, model._meta.pk.column, "key", PURPOSE)
    if entry not in crypto.EXTRA_ENCRYPTED_COLUMNS:
        crypto.EXTRA_ENCRYPTED_COLUMNS.append(entry)


def encrypt_existing(apps, schema_editor) -> None:
    """Data migration: encrypt TOTP secrets stored in clear before this change."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT id, key FROM otp_totp_totpdevice WHERE key NOT LIKE 'fz1$%%'")
        for pk, key in cursor.fetchall():
            cursor.execute(
                "UPDATE otp_totp_totpdevice SET key = %s WHERE id = %s", [encrypt_secret(key), pk]
            )
