"""Entity colours stay readable and distinguishable on light and dark backgrounds."""

from __future__ import annotations

import pytest

from energybrowser.entities.model import ENTITY_TYPES
from energybrowser.render.palette import DARK, LIGHT, Palette, type_label


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_every_type_has_readable_text(palette: Palette) -> None:
    for entry in palette.legend():
        assert contrast(entry.background, entry.foreground) >= 4.5, entry
    assert contrast(palette.hit_background, palette.hit_foreground) >= 4.5
    assert contrast(palette.marked_background, palette.marked_foreground) >= 4.5


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_types_hits_and_marks_have_distinct_colours(palette: Palette) -> None:
    colours = [e.background for e in palette.legend()] + [palette.hit_background, palette.marked_background]
    assert len(set(colours)) == len(colours)
    page = "#ffffff" if not palette.dark else "#1e1e1e"
    for colour in colours:  # each highlight visibly differs from the page
        assert contrast(colour, page) > 1.15, colour


def test_legend_lists_every_type_with_a_label() -> None:
    legend = LIGHT.legend()
    assert [e.type for e in legend] == list(ENTITY_TYPES)
    assert all(e.label and e.label[0].isupper() for e in legend)
    assert type_label("new_kind") == "New kind"
