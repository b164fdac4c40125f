"""The demo district's 2024 returned figures, entered through the real return path, show as the seed."""

import pytest

from fazhi.core.models import Division
from fazhi.demo.indicators import load_returned_figures
from fazhi.demo.structure import DISTRICT, load_structure
from fazhi.demo.users import load_users
from fazhi.indicators.models import ReturnRevision
from fazhi.indicators.seed import RETURNED, seed_codes

# The seed report's text for each returned figure (seed-figures.md, 蒸湘区 2024).
SEED_TEXT: dict[str, str] = {}  # every seed figure now comes from a register


@pytest.fixture
def demo(db):
    units = load_structure()
    load_users(units)
    summary = load_returned_figures()
    return Division.objects.get(code=DISTRICT[0]), summary


def test_every_returned_seed_figure_is_covered():
    assert set(SEED_TEXT) == set(seed_codes(RETURNED))


def test_no_seed_figure_is_typed_any_more(demo):
    """Every seed figure is computed by a register: the demo opens no return for 2024 (the
    return path itself is tested in fazhi/indicators/tests)."""
    district, summary = demo
    assert "无需填报" in summary
    assert not ReturnRevision.objects.filter(unit__division__code=DISTRICT[0]).exists()
    assert seed_codes(RETURNED) == []
