"""Field-level encryption of important personal information (security.md D2, A7).

- `EncryptedTextField`: stored as ``fz1$<key id>$<base64url(nonce | ciphertext | tag)>``. The
  cipher is an AEAD (SM4-GCM, the 商用密码 default, or AES-256-GCM); the key id travels inside the
  value, so old rows stay readable while a new key encrypts, until `manage.py rekey` rotates
  them. The field's `purpose` is the associated data: a ciphertext moved to another column does
  not decrypt. One flipped byte makes decryption raise `DecryptionFailed`.
- `BlindIndexField`: an HMAC-SM3 of the normalised plaintext of a sibling field, for exact
  search (`blind_index(value)`); the plaintext itself is never queryable.
- `mask`: the masked display of lists and exports (GB/T 35273 §7.2): 110101********123X.

Keys come from the environment (docs/operations.md):
  FAZHI_FIELD_KEYS      "kid:sm4gcm:<base64 16 bytes>;kid2:aesgcm:<base64 32 bytes>"
  FAZHI_FIELD_KEY_ID    the key id that encrypts new values (default: the first)
  FAZHI_BLIND_INDEX_KEY base64, at least 32 bytes
Without them a DEVELOPMENT key is used (key id ``dev``); production settings refuse to start
with it.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models.lookups import Exact

PREFIX = "fz1"
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,8}$")
ALGORITHMS = {"sm4gcm": 16, "aesgcm": 32}
# DEVELOPMENT ONLY: public keys so that a fresh checkout runs. Production refuses them.
DEV_KEY_ID = "dev"
DEV_FIELD_KEYS = f"{DEV_KEY_ID}:sm4gcm:ZGV2LW9ubHktZmF6aGkhIQ=="
DEV_BLIND_INDEX_KEY = "ZGV2LW9ubHktZmF6aGktYmxpbmQtaW5kZXgta2V5LTAwMDA="


class DecryptionFailed(Exception):
    """The stored value was altered, or its key is unknown: never shown as if it were data."""


@dataclass(frozen=True)
class Key:
    key_id: str
    algorithm: str
    secret: bytes

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        if self.algorithm == "aesgcm":
            return nonce + AESGCM(self.secret).encrypt(nonce, plaintext, aad)
        encryptor = Cipher(algorithms.SM4(self.secret), modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(aad)
        return nonce + encryptor.update(plaintext) + encryptor.finalize() + encryptor.tag

    def open(self, blob: bytes, aad: bytes) -> bytes:
        nonce, body = blob[:NONCE_BYTES], blob[NONCE_BYTES:]
        if len(nonce) != NONCE_BYTES or len(body) < TAG_BYTES:
            raise DecryptionFailed("密文长度不正确。")
        try:
            if self.algorithm == "aesgcm":
                return AESGCM(self.secret).decrypt(nonce, body, aad)
            decryptor = Cipher(
                algorithms.SM4(self.secret), modes.GCM(nonce, body[-TAG_BYTES:])
            ).decryptor()
            decryptor.authenticate_additional_data(aad)
            return decryptor.update(body[:-TAG_BYTES]) + decryptor.finalize()
        except InvalidTag as exc:
            raise DecryptionFailed("密文校验失败：数据被改动或密钥不符。") from exc


@dataclass(frozen=True)
class Keyring:
    keys: dict[str, Key]
    current: str
    blind_key: bytes

    @property
    def uses_development_keys(self) -> bool:
        return DEV_KEY_ID in self.keys or self.blind_key == base64.b64decode(DEV_BLIND_INDEX_KEY)

    def encrypt(self, plaintext: str, purpose: str) -> str:
        key = self.keys[self.current]
        blob = key.seal(plaintext.encode(), purpose.encode())
        return f"{PREFIX}${key.key_id}${base64.urlsafe_b64encode(blob).decode().rstrip('=')}"

    def decrypt(self, stored: str, purpose: str) -> str:
        return self.open(stored, purpose).decode()

    def seal_bytes(self, plaintext: bytes, purpose: str) -> str:
        key = self.keys[self.current]
        blob = key.seal(plaintext, purpose.encode())
        return f"{PREFIX}${key.key_id}${base64.urlsafe_b64encode(blob).decode().rstrip('=')}"

    def open(self, stored: str, purpose: str) -> bytes:
        key_id = key_id_of(stored)
        key = self.keys.get(key_id)
        if key is None:
            raise DecryptionFailed(f"没有密钥“{key_id}”：无法解密。")
        body = stored.split("$", 2)[2]
        try:
            blob = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        except (binascii.Error, ValueError) as exc:
            raise DecryptionFailed("密文编码损坏。") from exc
        return key.open(blob, purpose.encode())


def key_id_of(stored: str) -> str:
    parts = stored.split("$", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        raise DecryptionFailed("该值不是本系统的密文。")
    return parts[1]


def is_ciphertext(value) -> bool:
    return isinstance(value, str) and value.startswith(f"{PREFIX}$") and value.count("$") >= 2


def parse_keys(spec: str) -> dict[str, Key]:
    keys: dict[str, Key] = {}
    for item in filter(None, (part.strip() for part in spec.split(";"))):
        try:
            key_id, algorithm, encoded = item.split(":", 2)
            secret = base64.b64decode(encoded, validate=True)
        except (ValueError, binascii.Error) as exc:
            raise ImproperlyConfigured(
                "FAZHI_FIELD_KEYS 格式应为 “标识:sm4gcm:base64密钥;…”。"
            ) from exc
        if not KEY_ID.match(key_id):
            raise ImproperlyConfigured(f"密钥标识“{key_id}”只能是 1–8 位字母、数字、-、_。")
        if ALGORITHMS.get(algorithm) != len(secret):
            raise ImproperlyConfigured(
                f"密钥“{key_id}”：算法应为 sm4gcm（16 字节）或 aesgcm（32 字节），"
                f"实际为 {algorithm}、{len(secret)} 字节。"
            )
        keys[key_id] = Key(key_id, algorithm, secret)
    if not keys:
        raise ImproperlyConfigured("FAZHI_FIELD_KEYS 中没有密钥。")
    return keys


def keyring_from_environment(environ=os.environ) -> Keyring:
    keys = parse_keys(environ.get("FAZHI_FIELD_KEYS") or DEV_FIELD_KEYS)
    current = environ.get("FAZHI_FIELD_KEY_ID") or next(iter(keys))
    if current not in keys:
        raise ImproperlyConfigured(f"FAZHI_FIELD_KEY_ID“{current}”不在 FAZHI_FIELD_KEYS 中。")
    blind = base64.b64decode(environ.get("FAZHI_BLIND_INDEX_KEY") or DEV_BLIND_INDEX_KEY)
    if len(blind) < 32:
        raise ImproperlyConfigured("FAZHI_BLIND_INDEX_KEY 至少 32 字节（base64 编码）。")
    return Keyring(keys, current, blind)


@cache
def keyring() -> Keyring:
    return keyring_from_environment()


def reset_keyring() -> None:
    """Forget the cached keys (tests and the rekey command change the environment)."""
    keyring.cache_clear()


def encrypt(plaintext: str, purpose: str) -> str:
    return keyring().encrypt(plaintext, purpose)


def decrypt(stored: str, purpose: str) -> str:
    return keyring().decrypt(stored, purpose)


# Columns outside our models that hold `seal_bytes` ciphertext (table, pk column, column,
# purpose), e.g. django-otp's TOTP secrets (A7); `manage.py rekey` rotates them too.
EXTRA_ENCRYPTED_COLUMNS: list[tuple[str, str, str, str]] = []


def normalise_for_index(value: str) -> str:
    """NFKC, no spaces, upper case: ＩＤ and id, full-width digits and ASCII give one index."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).upper()


def blind_index(value: str | None, purpose: str = "") -> str:
    """HMAC-SM3 of the normalised value: exact search without storing the plaintext."""
    if value is None or value == "":
        return ""
    mac = hmac.HMAC(keyring().blind_key, hashes.SM3())
    mac.update(f"{purpose}\x00{normalise_for_index(value)}".encode())
    return mac.finalize().hex()


def _is_textarea(widget) -> bool:
    from django import forms

    if widget is None:
        return True
    kind = widget if isinstance(widget, type) else type(widget)
    return issubclass(kind, forms.Textarea)


def _one_line_widget(widget):
    """The admin theme's one-line input where the admin asked for its text box, else Django's."""
    from django import forms

    kind = widget if isinstance(widget, type) else type(widget)
    if kind.__module__.startswith("unfold."):
        from unfold.widgets import UnfoldAdminTextInputWidget

        return UnfoldAdminTextInputWidget
    if kind.__module__.startswith("django.contrib.admin"):
        from django.contrib.admin.widgets import AdminTextInputWidget

        return AdminTextInputWidget
    return forms.TextInput


class EncryptedTextField(models.TextField):
    """A text column stored encrypted (AEAD, key id inside). Only `isnull` and equality with
    the empty string can be queried; search through a `BlindIndexField`."""

    description = "加密文本"

    def __init__(self, *args, purpose: str = "", **kwargs):
        self.purpose = purpose
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.purpose:
            kwargs["purpose"] = self.purpose
        return name, path, args, kwargs

    @property
    def aad(self) -> str:
        return self.purpose or self.name

    def formfield(self, **kwargs):
        """A one-line input when a max_length is declared (an ID number, a phone): also where
        the admin's defaults would give every text field a multi-line box."""
        if self.max_length and _is_textarea(kwargs.get("widget")):
            kwargs["widget"] = _one_line_widget(kwargs.get("widget"))
        return super().formfield(**kwargs)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value, self.aad)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        if value is None or value == "":
            return value
        return encrypt(str(value), self.aad)

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return EmptyOnlyExact
        if lookup_name != "isnull":
            raise FieldError(
                f"加密字段不能按“{lookup_name}”查询：请用盲索引（BlindIndexField）做精确查找。"
            )
        return super().get_lookup(lookup_name)


class EmptyOnlyExact(Exact):
    """`field=""` works; equality with a value cannot (each encryption differs)."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError("加密字段不能按值查询：请用盲索引（BlindIndexField）做精确查找。")
        return super().get_prep_lookup()


class BlindIndexField(models.CharField):
    """HMAC of another field's plaintext, filled on save: `filter(x_index=blind_index(v, p))`."""

    description = "盲索引"

    def __init__(self, *args, source: str = "", purpose: str = "", **kwargs):
        self.source = source
        self.purpose = purpose
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if self.purpose:
            kwargs["purpose"] = self.purpose
        for default in ("max_length", "blank", "editable", "db_index"):
            kwargs.pop(default, None)
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = blind_index(getattr(model_instance, self.source), self.purpose or self.source)
        setattr(model_instance, self.attname, value)
        return value


def encrypted_fields(model) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def blind_index_fields(model) -> list[BlindIndexField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]


def mask(value: str | None, kind: str = "text") -> str:
    """Masked display: id 110101********123X, phone 138****5678, name 张*, text a…z."""
    if not value:
        return ""
    text = str(value)
    if kind == "id" and len(text) >= 10:
        return text[:6] + "*" * (len(text) - 10) + text[-4:]
    if kind == "phone" and len(text) >= 7:
        return text[:3] + "*" * (len(text) - 7) + text[-4:]
    if kind == "name":
        return text[0] + "*" * max(len(text) - 1, 1)
    keep = max(len(text) // 4, 1)
    if len(text) <= 2:
        return text[0] + "*"
    return text[:keep] + "*" * (len(text) - 2 * keep) + text[-keep:]
