"""Configuration of the normative-document register. Hunan-specific and unverified values
(legal-rules.md N5, N7, N9; A7) live here, overridable with the `FAZHI_NORMDOCS` setting.
Periods are period rules in `normdocs/deadlines.py`, adjustable at runtime (RuleOverride)."""

import re

from django.conf import settings

DEFAULTS = {
    # N5: <place code><CR/DR>—<year>—<serial>, e.g. XXCR—2022—01025, SPDR-2026-00001.
    # The 蒸湘区 prefix is unknown (U): get it from 区司法局 and set it here.
    "registration_number_pattern": r"^[A-Z]{2,8}[-—–](?P<year>\d{4})[-—–](?P<serial>\d{5})$",
    "registration_number_format": "ZXDR-{year}-{serial:05d}",
    # N7: the filing recipient per issuer (U).
    "filing_recipient_government": "衡阳市人民政府",
    "filing_recipient_department": "蒸湘区人民政府（区司法局）",
    # N9: periodic cleanup in the third quarter of even years (V2, Hunan).
    "periodic_cleanup_parity": 0,  # year % 2 == parity
    "periodic_cleanup_quarter": 3,
}


def setting(key: str):
    return getattr(settings, "FAZHI_NORMDOCS", {}).get(key, DEFAULTS[key])


def registration_pattern() -> re.Pattern:
    return re.compile(setting("registration_number_pattern"))


def format_registration_number(year: int, serial: int) -> str:
    return setting("registration_number_format").format(year=year, serial=serial)


def filing_recipient(is_government_document: bool) -> str:
    key = "government" if is_government_document else "department"
    return setting(f"filing_recipient_{key}")


def is_periodic_cleanup_year(year: int) -> bool:
    return year % 2 == setting("periodic_cleanup_parity")


def periodic_cleanup_quarter() -> int:
    return setting("periodic_cleanup_quarter")
