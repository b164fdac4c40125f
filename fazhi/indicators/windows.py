"""Named windows (统计期) in view of a unit or a division: its own office's and those above."""

from __future__ import annotations

from fazhi.indicators.models import Window


def ancestor_paths(path: str) -> list[str]:
    """The division's own path and its ancestors' ("430000/", "430000/430400/", …)."""
    codes = [c for c in path.split("/") if c]
    return ["".join(f"{c}/" for c in codes[: i + 1]) for i in range(len(codes))]


def windows_in_view(division_or_unit, *, active: bool = True):
    """Windows defined by an office of the same division or of a division above it (a city's
    window serves its districts)."""
    division = getattr(division_or_unit, "division", division_or_unit)
    queryset = Window.objects.filter(
        unit__division__path__in=ancestor_paths(division.path)
    ).select_related("unit__division")
    return queryset.filter(active=True) if active else queryset


def window_periods(division_or_unit) -> dict:
    """{window name: Period}; a nearer office's window wins over a higher one of the same name."""
    found: dict = {}
    windows = sorted(windows_in_view(division_or_unit), key=lambda w: len(w.unit.division.path))
    for window in windows:
        found[window.name] = window.period
    return found
