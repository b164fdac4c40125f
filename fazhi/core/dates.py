"""Dates as officials read them in text and documents (docs/ui.md: 2024年10月16日 in text,
2024-10-16 in tables)."""

from __future__ import annotations

from datetime import date


def cn_date(value: date | None) -> str:
    """`2024年10月16日`; an empty string for no date."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""
