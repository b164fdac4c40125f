"""Helpers shared by the demo and the synthetic city: position titles and an uneven split."""

from __future__ import annotations

import random

TITLES = [
    "普工",
    "销售代表",
    "会计",
    "文员",
    "电工",
    "厨师",
    "护理员",
    "软件开发",
    "仓管员",
    "客服专员",
]


def spread(total: int, parts: int, rng: random.Random, *, floor: int = 0) -> list[int]:
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    scale = sum(weights)
    shares = [max(floor, int((total - floor * parts) * w / scale) + floor) for w in weights]
    shares[-1] += total - sum(shares)
    return shares
