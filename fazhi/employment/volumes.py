"""Helpers shared by the demo and the synthetic city: the demo plan's volumes (a data file,
`demo_plan.json`), position titles and an uneven split."""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

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


@cache
def demo_plan() -> dict:
    """The demo district's yearly job-fair volumes: `job_fairs` and `livestreams`, each with
    `fairs`, `employers`, `positions` (and `matches`, `leaflets` for job fairs)."""
    return json.loads((Path(__file__).with_name("demo_plan.json")).read_text(encoding="utf-8"))


def spread(total: int, parts: int, rng: random.Random, *, floor: int = 0) -> list[int]:
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    scale = sum(weights)
    shares = [max(floor, int((total - floor * parts) * w / scale) + floor) for w in weights]
    shares[-1] += total - sum(shares)
    return shares
