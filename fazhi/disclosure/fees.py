"""The information processing fee (信息处理费) for excessive requests (O9; 《政府信息公开条例》
第四十二条, 国办函〔2020〕109号): progressive (超额累进), by count or by pages, never both."""

from __future__ import annotations

from decimal import Decimal

FREE_REQUESTS = 10  # per applicant per calendar month
FREE_PAGES = 30


def fee_by_count(nth_in_month: int) -> Decimal:
    """Fee for the applicant's `nth_in_month` request of the calendar month: the first 10 free;
    11th–30th 100 元 each; from the 31st, each further band of 10 adds 100 元 per request."""
    if nth_in_month <= FREE_REQUESTS:
        return Decimal(0)
    if nth_in_month <= 30:
        return Decimal(100)
    return Decimal(100 * (1 + (nth_in_month - 31) // 10 + 1))


def fee_by_pages(pages: int) -> Decimal:
    """30 pages free; pages 31–100 10 元, 101–200 20 元, from 201 40 元 a page (progressive)."""
    bands = ((30, 0), (100, 10), (200, 20))
    total, floor = 0, 0
    for ceiling, price in bands:
        if pages > floor:
            total += (min(pages, ceiling) - floor) * price
        floor = ceiling
    if pages > 200:
        total += (pages - 200) * 40
    return Decimal(total)


def fee_for(*, nth_in_month: int, pages: int, method: str = "count") -> Decimal:
    """One method per request (按件或按量，二者不得同时适用)."""
    return fee_by_count(nth_in_month) if method == "count" else fee_by_pages(pages)
