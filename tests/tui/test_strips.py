"""Strips with lazy caches (coach.tui.strips) behave as Textual's own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.color import Color as RichColor
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import Monochrome
from textual.strip import Strip

from coach.tui import compat, strips

SEGMENTS = [
    Segment("Hello ", Style(bold=True)),
    Segment("wörld", Style(color="red", link="https://example.com")),
    Segment(" 漢字 ", Style(italic=True)),
    Segment("end", Style(meta={"@click": "x"})),
]

Op = Callable[[Strip], object]

OPERATIONS: dict[str, Op] = {
    "text": lambda s: s.text,
    "cell_length": lambda s: s.cell_length,
    "cell_count": lambda s: s.cell_count,
    "link_ids": lambda s: s.link_ids,
    "crop": lambda s: s.crop(2, 11),
    "crop twice": lambda s: (s.crop(1, 9), s.crop(1, 9)),
    "crop_extend": lambda s: s.crop_extend(3, 30, Style(bgcolor="blue")),
    "divide": lambda s: list(s.divide([3, 8, 12, 40])),
    "apply_style": lambda s: s.apply_style(Style(underline=True)),
    "apply_filter": lambda s: s.apply_filter(Monochrome(), Color(0, 0, 0)),
    "adjust_cell_length": lambda s: s.adjust_cell_length(30, Style(bgcolor="green")),
    "adjust shorter": lambda s: s.adjust_cell_length(7),
    "extend_cell_length": lambda s: s.extend_cell_length(25),
    "apply_offsets": lambda s: list(s.apply_offsets(4, 2)),
    "simplify": lambda s: s.simplify(),
    "discard_meta": lambda s: s.discard_meta(),
    "style_links": lambda s: s.style_links("x", Style(reverse=True)),
    "crop_pad": lambda s: s.crop_pad(12, 2, 3, Style(bgcolor="red")),
    "text_align": lambda s: s.text_align(30, "center"),
    "join": lambda s: Strip.join([s, s.crop(0, 4)]),
    "getitem": lambda s: s[3:9],
    "render": lambda s: s.render(Console(color_system="truecolor", width=80, force_terminal=True)),
    "render twice": lambda s: (s.render(Console(color_system="256")), s.render(Console())),
}


def eager(segments: list[Segment], cell_length: int | None = None) -> Strip:
    """A strip made by Textual's own ``__init__`` (every cache made up front)."""
    strip = Strip.__new__(Strip)
    strips.ORIGINAL_INIT(strip, segments, cell_length)
    return strip


def as_plain(value: object) -> object:
    """Strips as their segments, so results compare by what they show."""
    if isinstance(value, Strip):
        return ("strip", list(value), value.cell_length)
    if isinstance(value, list | tuple):
        return [as_plain(item) for item in value]
    return value


@pytest.fixture(autouse=True)
def _installed() -> None:
    strips.install()
    if not compat.private_ok():  # pragma: no cover - depends on the Textual version
        pytest.skip("lazy strip caches are used on a tested Textual only")


def test_the_installed_strip_leaves_its_caches_out() -> None:
    strip = Strip(SEGMENTS)
    made = [name for name in strips.CACHE_SIZES if name in _set_slots(strip)]
    assert made == []
    assert set(strips.PLAIN_SLOTS) <= _set_slots(strip)


def test_the_eager_reference_has_every_cache() -> None:
    assert set(strips.CACHE_SIZES) <= _set_slots(eager(SEGMENTS))


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_each_method_gives_what_textuals_own_strip_gives(name: str) -> None:
    operation = OPERATIONS[name]
    lazy, reference = Strip(SEGMENTS), eager(SEGMENTS)
    assert as_plain(operation(lazy)) == as_plain(operation(reference))
    # and again, now that the lazy strip's cache for it is made
    assert as_plain(operation(lazy)) == as_plain(operation(reference))


def test_a_cache_is_made_once_with_textuals_size_and_then_used() -> None:
    strip = Strip(SEGMENTS)
    first = strip.crop(1, 5)
    assert "_crop_cache" in _set_slots(strip)
    cache = strip._crop_cache
    assert cache._maxsize == strips.CACHE_SIZES["_crop_cache"]
    assert strip.crop(1, 5) is first  # served from the cache
    assert strip._crop_cache is cache


def test_each_cache_size_is_textuals() -> None:
    reference = eager(SEGMENTS)
    for name, size in strips.CACHE_SIZES.items():
        assert getattr(reference, name)._maxsize == size, name


def test_a_name_that_is_no_cache_is_still_an_attribute_error() -> None:
    strip = Strip(SEGMENTS)
    with pytest.raises(AttributeError, match="no_such_thing"):
        strip.no_such_thing  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(strip, "no_such_thing")


def test_the_slots_are_the_ones_this_module_knows() -> None:
    assert strips.fits(Strip)

    class Moved:
        __slots__ = ("_cache", "_segments")

    assert not strips.fits(Moved)


def test_blank_and_styled_strips_render_alike() -> None:
    lazy = Strip.blank(10, Style(bgcolor=RichColor.parse("red")))
    reference = eager([Segment(" " * 10, Style(bgcolor=RichColor.parse("red")))], 10)
    console = Console(color_system="truecolor", force_terminal=True)
    assert lazy.render(console) == reference.render(console)


def _set_slots(strip: Strip) -> set[str]:
    found = set()
    for name in Strip.__slots__:
        try:
            object.__getattribute__(strip, name)
        except AttributeError:
            continue
        found.add(name)
    return found
