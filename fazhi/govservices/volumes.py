"""The demo district's yearly government-services volumes, shared by the demo and the
synthetic city. They are data (`demo_plan.json`), not code: the seed's totals, with an
ILLUSTRATIVE split by channel."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path


@cache
def demo_plan() -> dict:
    """`applications`, `online`, `one_thing_applications`, `items`, `claimed_items`,
    `claiming_units`, `platform_applications`, `windows`, `stationed_departments`,
    `stationed_enterprises`, `packages`, `inactive_packages` and `tallies` (by TallyKind)."""
    return json.loads(Path(__file__).with_name("demo_plan.json").read_text(encoding="utf-8"))
